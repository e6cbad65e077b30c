using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The service's own pages (a run, the reports, a comparison, the Quality SLOs page and a job's page) in
/// Debian's headless Chromium behind Basic credentials: nothing loaded from outside, no console error,
/// model output that carries markup shown as text, a screenshot of each.
/// </summary>
public sealed class WebPagesBrowserTests : IAsyncLifetime
{
    private const string Hostile = "The tag <b>bold</b> and <img src=x onerror=alert(1)> are markup.";
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-webpages-").FullName;
    private ServerProcess server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.Copy(Path.Combine(RepositoryRoot.Path, "golden-datasets", "factual-qa.jsonl"), Path.Combine(datasets, "factual-qa.jsonl"));
        File.AppendAllText(Path.Combine(datasets, "factual-qa.jsonl"), JsonSerializer.Serialize(new { id = "markup", input = "Which tags are markup?", reference = Hostile }) + "\n");
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
        http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:pw")));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task EveryPageOpensWithoutErrorsOrOutsideRequestsAndShowsModelOutputAsText()
    {
        var stable = await WaitForCompletedRunAsync("sim-stable");
        var started = await http.PostAsJsonAsync("/api/runs", new { dataset = "factual-qa", target = "sim-candidate" });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var candidate = await WaitForCompletedRunAsync("sim-candidate");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserPages.LaunchAsync(playwright);
        var context = await BrowserPages.ContextAsync(browser, "admin", "pw");

        var run = await OpenAsync(context, $"/runs/{stable}", "run");
        Assert.Contains("factual-qa on sim-stable", run.Text);
        Assert.Contains("Correctness", run.Text);
        Assert.Matches(@"hallucinated \(\d+\)", run.Text);
        Assert.Contains(Hostile, run.Text);
        Assert.Contains("items JSON", run.Text);

        var failed = await OpenAsync(context, $"/runs/{candidate}?outcome=incorrect", "run-incorrect");
        Assert.Matches(@"incorrect \([1-9]\d*\)", failed.Text);
        Assert.DoesNotContain("capital-australia", failed.Text);   // answered right by both models

        var reports = await OpenAsync(context, "/reports", "reports");
        Assert.Contains(today, reports.Text);
        Assert.Contains("(so far)", reports.Text);
        var daily = await OpenAsync(context, $"/reports/daily/{today}", "report-daily");
        Assert.Contains($"SloQuality daily report {today}", daily.Text);
        Assert.Contains("sim-stable", daily.Text);

        var compare = await OpenAsync(context, $"/compare?a={stable}&b={candidate}", "compare");
        Assert.Contains("no regression: correctness", compare.Text);
        Assert.Contains("drift between the runs' outputs", compare.Text);
        Assert.Contains(Hostile, compare.Text);
        Assert.Contains("verdict", compare.Text);

        var slos = await OpenAsync(context, "/hangfire/slos", "quality-slos");
        Assert.Contains("hallucination_rate < 2.0%", slos.Text);
        Assert.Contains("Budget left", slos.Text);
        Assert.Contains("inconclusive", slos.Text);   // the legend explains it
        Assert.DoesNotMatch(@"\d\.\d{2,}%", slos.Text);
        Assert.True(await slos.Page.Locator("svg.sparkline").CountAsync() > 0);
        Assert.True(await slos.Page.Locator($"a[href='/runs/{stable}']").CountAsync() > 0);

        var job = await OpenAsync(context, await FinalizeJobPageAsync(), "job");
        Assert.True(await job.Page.Locator("a[href^='/runs/']").CountAsync() > 0, job.Text);
    }

    private async Task<(IPage Page, string Text)> OpenAsync(IBrowserContext context, string path, string name)
    {
        var outside = new List<string>();
        var errors = new List<string>();
        var page = await BrowserPages.NewPageAsync(context, server.BaseUri!, outside, errors);
        var response = await page.GotoAsync(new Uri(server.BaseUri!, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var screenshot = Path.Combine(Path.GetTempPath(), $"sloq-page-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        var text = await page.InnerTextAsync("body");

        Assert.True(response!.Ok, $"{path}: {response.Status}\n{text}");
        Assert.Empty(outside);
        Assert.Empty(errors);
        // The model's markup is text: no element of it exists in the page.
        Assert.Equal(0, await page.Locator("b", new PageLocatorOptions { HasText = "bold" }).CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.True(new FileInfo(screenshot).Length > 5_000, screenshot);
        return (page, text);
    }

    private async Task<string> WaitForCompletedRunAsync(string target)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs");
            if (runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("model_target").GetString() == target && r.GetProperty("status").GetString() == "completed") is { ValueKind: JsonValueKind.Object } run)
            {
                return run.GetProperty("run_id").GetString()!;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no run of {target} completed within 120 s:\n" + server.Log);
    }

    /// <summary>The dashboard page of a succeeded finalise job (the one that links its run).</summary>
    private async Task<string> FinalizeJobPageAsync()
    {
        var list = await http.GetStringAsync("/hangfire/jobs/succeeded");
        foreach (Match m in Regex.Matches(list, @"/hangfire/jobs/details/(\d+)"))
        {
            if ((await http.GetStringAsync(m.Value)).Contains("FinalizeRunJob", StringComparison.Ordinal))
            {
                return m.Value;
            }
        }

        throw new InvalidOperationException("no succeeded finalise job:\n" + list);
    }
}
