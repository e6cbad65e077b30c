using System.Net;
using System.Net.Http.Headers;

namespace SloQuality.Server.Tests;

/// <summary>The service's pages against names they do not know or that try to leave their place: a 404 with the reason, escaped, never a file or a 500.</summary>
public sealed class WebPageInputTests : IAsyncLifetime
{
    private InProcessServer host = null!;

    public async Task InitializeAsync() => host = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/runs/no-such-run", "no run &#39;no-such-run&#39; in the result store")]
    [InlineData("/runs/%3Cscript%3Ealert(1)", "no run &#39;&lt;script&gt;alert(1)&#39;")]
    [InlineData("/reports/daily/..%2F..%2Fetc", "is not a report: expected daily/YYYY-MM-DD or weekly/YYYY-Www")]
    [InlineData("/reports/monthly/2026-12", "is not a report")]
    [InlineData("/compare?a=%3Cb%3Ex%3C%2Fb%3E&b=y", "no run &#39;&lt;b&gt;x&lt;/b&gt;&#39; in the result store")]
    public async Task AnUnknownOrHostileNameIsANotFoundPageThatSaysWhy(string path, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = InProcessServer.Viewer } };
        using var response = await host.Http.SendAsync(request);
        var page = (await response.Content.ReadAsStringAsync()).Replace("&#x27;", "&#39;", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/runs/x")]
    [InlineData("/reports")]
    [InlineData("/compare")]
    public async Task EveryPageNeedsACredential(string path)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AReadOnlyCredentialOpensTheComparisonForm()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/compare") { Headers = { Authorization = InProcessServer.Viewer } };
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"get\" action=\"/compare\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
