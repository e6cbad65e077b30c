using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

public sealed class AccessAndApiTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-server-").FullName;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.Copy(Path.Combine(RepositoryRoot.Path, "golden-datasets", "factual-qa.jsonl"), Path.Combine(datasets, "factual-qa.jsonl"));
        File.WriteAllText(Path.Combine(datasets, "broken.jsonl"), "{\"id\": \"a\", \"input\": 5}\n");
        server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_DASHBOARD_USER"] = "admin",
            ["SLOQ_DASHBOARD_PASSWORD"] = "correct horse",
            ["SLOQ_DASHBOARD_TOKEN"] = "token-123",
            ["SLOQ_DASHBOARD_READONLY_USER"] = "viewer",
            ["SLOQ_DASHBOARD_READONLY_PASSWORD"] = "look only",
        });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task MetricsNeedACredentialOutsideDevelopmentAndAReadOnlyOneIsEnough()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var anonymous = await http.GetAsync("/metrics");
        var viewer = await Send(http, HttpMethod.Get, "/metrics", Basic("viewer", "look only"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Contains("target_info", await viewer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheDashboardAsksForCredentialsOutsideDevelopmentAndOpensWithThem()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var anonymous = await http.GetAsync("/hangfire");
        var wrong = await Send(http, HttpMethod.Get, "/hangfire", Basic("admin", "wrong"));
        var admin = await Send(http, HttpMethod.Get, "/hangfire", Basic("admin", "correct horse"));
        var bearer = await Send(http, HttpMethod.Get, "/hangfire", new AuthenticationHeaderValue("Bearer", "token-123"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Contains("SloQuality", await admin.Content.ReadAsStringAsync());
        Assert.DoesNotContain("correct horse", server.Log);
    }

    [Fact]
    public async Task ARunStartedThroughTheApiCompletesAndAReadOnlyUserMayNotStartOne()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var body = JsonContent.Create(new { dataset = "factual-qa", target = "sim-stable" });

        var refused = await Send(http, HttpMethod.Post, "/api/runs", Basic("viewer", "look only"), body);
        var started = await Send(http, HttpMethod.Post, "/api/runs", Basic("admin", "correct horse"), body);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement run;
        do
        {
            await Task.Delay(500);
            run = await (await Send(http, HttpMethod.Get, $"/api/runs/{runId}", Basic("viewer", "look only"))).Content.ReadFromJsonAsync<JsonElement>();
        }
        while (run.GetProperty("run").GetProperty("status").GetString() != "completed" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(35, run.GetProperty("items_stored").GetInt32());
        var items = await (await Send(http, HttpMethod.Get, $"/api/runs/{runId}/items", Basic("viewer", "look only"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(35, items.GetArrayLength());

        // The log says what happened, in our words; the console logger writes on its own thread.
        var finished = $"run {runId} finished: factual-qa on sim-stable, 35 of 35 items";
        for (var wait = 0; wait < 50 && !server.Log.Contains(finished, StringComparison.Ordinal); wait++)
        {
            await Task.Delay(100);
        }

        Assert.Contains($"run {runId} started (api): factual-qa on sim-stable, 35 items in 1 chunks", server.Log);
        Assert.Contains(finished, server.Log);
        Assert.Contains(Path.Combine(folder, "out", "runs", "sim-stable", "factual-qa", runId, "report.html"), server.Log);
        Assert.DoesNotContain("Request starting", server.Log);
        Assert.DoesNotContain("Request finished", server.Log);
    }

    [Fact]
    public async Task TheDatasetsApiShowsAnInvalidFilesProblemsBesideTheValidOnes()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var datasets = await (await Send(http, HttpMethod.Get, "/api/datasets", new AuthenticationHeaderValue("Bearer", "token-123"))).Content.ReadFromJsonAsync<JsonElement>();
        var anonymous = await http.GetAsync("/api/datasets");
        var traversal = await Send(http, HttpMethod.Get, "/api/reports/daily/..%2F..%2Fjobs/targets.yaml", new AuthenticationHeaderValue("Bearer", "token-123"));

        var broken = datasets.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "broken");
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.StartsWith(Path.Combine(folder, "datasets", "broken.jsonl") + ":1: ", broken.GetProperty("problems")[0].GetString());
        Assert.True(datasets.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "factual-qa").GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task HostileDatasetFilesAreListedWithTheirProblemsAndNeitherHangNorKillTheService()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var auth = new AuthenticationHeaderValue("Bearer", "token-123");
        var datasets = Path.Combine(folder, "datasets");
        var laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            laughs.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        }

        string[] hostile = ["loop.yaml", "laughs.yaml", "pipe.jsonl"];
        File.WriteAllText(Path.Combine(datasets, hostile[0]), "items:\n  - &self\n    id: a\n    input: q\n    reference: r\n    metadata: *self\n");
        File.WriteAllText(Path.Combine(datasets, hostile[1]), laughs + "items: *a9\n");
        System.Diagnostics.Process.Start("mkfifo", Path.Combine(datasets, hostile[2]))!.WaitForExit();
        try
        {
            var listed = await Send(http, HttpMethod.Get, "/api/datasets", auth);
            var page = await Send(http, HttpMethod.Get, "/hangfire/slos", auth);
            var again = await Send(http, HttpMethod.Get, "/api/datasets", auth);

            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var byName = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
            Assert.True(byName["factual-qa"].GetProperty("valid").GetBoolean());
            Assert.All(hostile, file => Assert.False(byName[Path.GetFileNameWithoutExtension(file)].GetProperty("valid").GetBoolean()));
            Assert.Contains("is a FIFO", byName["pipe"].GetProperty("problems")[0].GetString());
            Assert.Contains("loop.yaml", await page.Content.ReadAsStringAsync());
        }
        finally
        {
            Array.ForEach(hostile, file => File.Delete(Path.Combine(datasets, file)));
        }
    }

    [Fact]
    public async Task ADatasetAddedWhileTheServiceRunsIsUsedByTheNextRun()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var auth = new AuthenticationHeaderValue("Bearer", "token-123");
        File.WriteAllText(Path.Combine(folder, "datasets", "fresh.jsonl"), "{\"id\": \"one\", \"input\": \"Say one.\", \"reference\": \"One.\"}\n");

        var started = await Send(http, HttpMethod.Post, "/api/runs", auth, JsonContent.Create(new { dataset = "fresh", target = "sim-stable" }));
        var openApi = await (await Send(http, HttpMethod.Get, "/api/openapi.json", auth)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/runs", out _));
    }

    [Theory]
    [InlineData("factual-qa", "no-such-target", 1, "unknown model target 'no-such-target'")]
    [InlineData("factual-qa", "sim-stable", 0, "repeat is 0, expected a whole number from 1 to 100")]
    [InlineData("broken", "sim-stable", 1, "broken.jsonl:1: ")]
    [InlineData("factual_qa", "sim-stable", 1, "no dataset named 'factual_qa'")]
    [InlineData("factual_qa", "sim-stable", 1, "(did you mean 'factual-qa'?)")]
    [InlineData("factual-qa", "sim-stabel", 1, "(did you mean 'sim-stable'?)")]
    public async Task ARunThatCannotSucceedIsRefusedWithTheReason(string dataset, string target, int repeat, string reason)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var response = await Send(http, HttpMethod.Post, "/api/runs", new AuthenticationHeaderValue("Bearer", "token-123"), JsonContent.Create(new { dataset, target, repeat }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASignoffStartedThroughTheApiRunsAsAJobAndIsListedWithItsPage()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var body = JsonContent.Create(new { candidate = "sim-candidate", baseline = "sim-stable", approver = "ann" });

        var refused = await Send(http, HttpMethod.Post, "/api/signoffs", Basic("viewer", "look only"), body);
        var started = await Send(http, HttpMethod.Post, "/api/signoffs", Basic("admin", "correct horse"), body);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        JsonElement listed = default;
        for (var i = 0; i < 240; i++)
        {
            var list = JsonDocument.Parse(await (await Send(http, HttpMethod.Get, "/api/signoffs", Basic("viewer", "look only"))).Content.ReadAsStringAsync()).RootElement;
            if (list.GetArrayLength() > 0)
            {
                listed = list[0];
                break;
            }

            await Task.Delay(500);
        }

        Assert.True(listed.ValueKind == JsonValueKind.Object, server.Log);
        var id = listed.GetProperty("signoff_id").GetString()!;
        var verdict = listed.GetProperty("verdict").GetString();
        Assert.Contains(verdict, new[] { "approved", "rejected", "insufficient-evidence" });
        Assert.Equal("ann", listed.GetProperty("approver").GetString());
        var record = JsonDocument.Parse(await (await Send(http, HttpMethod.Get, $"/api/signoffs/{id}", Basic("viewer", "look only"))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("factual-qa", record.GetProperty("datasets")[0].GetProperty("dataset").GetString());
        var page = await (await Send(http, HttpMethod.Get, $"/hangfire/signoffs/{id}", Basic("admin", "correct horse"))).Content.ReadAsStringAsync();
        Assert.Contains($"sim-candidate against sim-stable: {verdict}", page, StringComparison.Ordinal);
        Assert.Contains("no regression: hallucination", page, StringComparison.Ordinal);
        Assert.Contains("drift against the baseline&#39;s outputs on factual-qa</td><td>pass</td><td>mean similarity", page.Replace("&#x27;", "&#39;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(id, await (await Send(http, HttpMethod.Get, "/hangfire/signoffs", Basic("admin", "correct horse"))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The candidate's runs are in the history as the sign-off's, and no SLO counts them: trying a
        // release candidate pages nobody.
        var runs = JsonDocument.Parse(await (await Send(http, HttpMethod.Get, "/api/runs", Basic("viewer", "look only"))).Content.ReadAsStringAsync()).RootElement;
        var candidateRuns = runs.EnumerateArray().Where(r => r.GetProperty("model_target").GetString() == "sim-candidate").ToList();
        Assert.NotEmpty(candidateRuns);
        Assert.All(candidateRuns, r => Assert.Equal("signoff", r.GetProperty("origin").GetString()));
        var slosPage = await (await Send(http, HttpMethod.Get, "/hangfire/slos", Basic("admin", "correct horse"))).Content.ReadAsStringAsync();
        var api = await (await Send(http, HttpMethod.Get, "/api/slo", Basic("viewer", "look only"))).Content.ReadAsStringAsync();
        var latestRuns = slosPage.IndexOf("<h3>Latest runs", StringComparison.Ordinal);
        Assert.DoesNotContain("sim-candidate", slosPage[..latestRuns], StringComparison.Ordinal);
        Assert.Matches("sim-candidate</td><td>signoff</td>", slosPage[latestRuns..]);
        Assert.DoesNotContain("sim-candidate", api, StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = auth }, Content = content };
        return http.SendAsync(request);
    }
}
