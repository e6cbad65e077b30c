using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>The dashboard's Quality SLOs page in Debian's headless Chromium, behind Basic credentials.</summary>
public sealed class SloPageBrowserTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-slopage-").FullName;
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.Copy(Path.Combine(RepositoryRoot.Path, "golden-datasets", "factual-qa.jsonl"), Path.Combine(datasets, "factual-qa.jsonl"));
        File.WriteAllText(Path.Combine(datasets, "broken<b>.jsonl"), "{\"id\": \"a\", \"input\": 5}\n");
        server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["SLOQ_STORE"] = Path.Combine(folder, "results.db"),
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CONFIG"] = Path.Combine(RepositoryRoot.Path, "jobs"),
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_FIRST_RUN"] = "true",
            ["SLOQ_DASHBOARD_USER"] = "admin",
            ["SLOQ_DASHBOARD_PASSWORD"] = "pw",
        });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TheQualitySlosPageShowsTargetsRunsAndDatasetProblemsWithoutErrors()
    {
        await WaitForACompletedRunAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserPages.LaunchAsync(playwright);
        var context = await BrowserPages.ContextAsync(browser, "admin", "pw");
        var outside = new List<string>();
        var errors = new List<string>();
        var page = await BrowserPages.NewPageAsync(context, server.BaseUri!, outside, errors);

        await page.GotoAsync(new Uri(server.BaseUri!, "/hangfire/slos").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var screenshot = Path.Combine(folder, "slos.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        File.Copy(screenshot, Path.Combine(Path.GetTempPath(), "sloq-quality-slos.png"), overwrite: true);
        var text = await page.InnerTextAsync("body");

        Assert.Empty(outside);
        Assert.Empty(errors);
        Assert.Contains("Quality SLOs", text);
        Assert.Contains("sim-stable", text);
        Assert.Contains("hallucination-daily", text);
        Assert.Contains("factual-qa", text);
        Assert.Contains("broken<b>.jsonl", text);
        Assert.Equal(0, await page.Locator("b").CountAsync());
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private async Task WaitForACompletedRunAsync()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:pw")));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs");
            if (runs.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "completed"))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("no run completed within 90 s:\n" + server.Log);
    }
}
