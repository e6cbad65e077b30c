using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SloQuality.Server.Tests;

/// <summary>
/// Every endpoint of the service's route table, with no, wrong, read-only and full credentials, and in
/// the spellings routing accepts (upper case, a trailing slash): access follows the matched endpoint.
/// </summary>
public sealed class RouteTableAccessTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.Ordinal)
    {
        ["runId"] = "no-such-run", ["signoffId"] = "no-such-signoff", ["kind"] = "daily", ["period"] = "2026-12-01", ["file"] = "report.json", ["path"] = "jobs/enqueued",
    };

    private InProcessServer host = null!;

    public async Task InitializeAsync() => host = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EveryEndpointNeedsTheAccessItsRuleSaysWithEveryKindOfCredential()
    {
        var endpoints = host.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedCount = 0;
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = Fill(endpoint.RoutePattern.RawText!);
            var rule = endpoint.Metadata.GetMetadata<AccessRule>() ?? AccessRule.FullOnly;
            // The dashboard's POSTs also need its antiforgery token (checked in the cross-site test).
            var methods = path.StartsWith("/hangfire", StringComparison.Ordinal) ? ["GET"] : endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods)
            {
                var needed = rule.For(method);
                foreach (var (who, header, level) in Credentials())
                {
                    foreach (var spelling in Spellings(path))
                    {
                        var status = (await Send(method, spelling, header)).StatusCode;
                        var expected = level >= needed ? "served" : level == Access.Level.None ? "401" : "403";
                        var actual = status == HttpStatusCode.Unauthorized ? "401" : status == HttpStatusCode.Forbidden ? "403" : "served";
                        if (actual != expected && !(status == HttpStatusCode.NotFound && expected == "served"))
                        {
                            failures.Add($"{method} {spelling} as {who}: {(int)status}, expected {expected} (rule {needed})");
                        }

                        checkedCount++;
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/metrics");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/openapi.json");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.StartsWith("/hangfire", StringComparison.Ordinal));
        Assert.True(checkedCount > 100, $"only {checkedCount} requests checked");
    }

    [Theory]
    [InlineData("/METRICS")]
    [InlineData("/Metrics")]
    [InlineData("/metrics/")]
    [InlineData("/API/DATASETS")]
    [InlineData("/HANGFIRE")]
    [InlineData("/api/openapi.json")]
    public async Task AnotherSpellingOfAProtectedPathStillNeedsACredential(string path) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("GET", path, null)).StatusCode);

    [Fact]
    public async Task TheOpenApiDocumentDoesNotEchoTheRequestsHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Authorization = Basic("viewer", "look only");
        request.Headers.Host = "evil.example";

        var body = await (await host.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("\"/api/runs\"", body);
        Assert.DoesNotContain("evil.example", body);
    }

    [Fact]
    public async Task ADashboardActionOrAnApiWriteFromAnotherOriginIsRefusedEvenWithFullCredentials()
    {
        async Task<HttpStatusCode> Post(string path, string? origin, string? site, HttpContent? body = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body ?? new FormUrlEncodedContent([new("jobs[]", "evaluate-all")]) };
            request.Headers.Authorization = Basic("admin", "correct horse");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (site is not null)
            {
                request.Headers.Add("Sec-Fetch-Site", site);
            }

            return (await host.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Post("/hangfire/recurring/trigger", "http://evil.example", null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post("/hangfire/recurring/trigger", null, "cross-site"));
        // Same origin but no antiforgery token, as a forged form would be: Hangfire refuses it too.
        Assert.Equal(HttpStatusCode.Forbidden, await Post("/hangfire/recurring/trigger", host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority), null));
        var run = new StringContent("{\"dataset\": \"x\", \"target\": \"sim-stable\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Forbidden, await Post("/api/runs", "http://evil.example", null, run));
        var sameSite = new StringContent("{\"dataset\": \"x\", \"target\": \"sim-stable\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, await Post("/api/runs", null, null, sameSite));
    }

    private static IEnumerable<(string Who, AuthenticationHeaderValue? Header, Access.Level Level)> Credentials() =>
    [
        ("nobody", null, Access.Level.None),
        ("a wrong password", Basic("admin", "wrong"), Access.Level.None),
        ("a wrong token", new AuthenticationHeaderValue("Bearer", "guess"), Access.Level.None),
        ("the read-only user", Basic("viewer", "look only"), Access.Level.ReadOnly),
        ("the full user", Basic("admin", "correct horse"), Access.Level.Full),
    ];

    private static IEnumerable<string> Spellings(string path) => path == "/" ? ["/"] : [path, path.ToUpperInvariant(), path + "/"];

    private static string Fill(string pattern)
    {
        var path = pattern;
        foreach (var (name, value) in RouteValues)
        {
            path = path.Replace("{**" + name + "}", value).Replace("{" + name + "}", value);
        }

        return path.StartsWith('/') ? path : "/" + path;
    }

    private async Task<HttpResponseMessage> Send(string method, string path, AuthenticationHeaderValue? header)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = header;
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await host.Http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) => InProcessServer.Basic(user, password);
}
