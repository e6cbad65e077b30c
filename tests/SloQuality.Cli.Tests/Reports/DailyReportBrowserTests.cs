using Microsoft.Playwright;

namespace SloQuality.Cli.Tests.Reports;

/// <summary>
/// The daily report in a real browser (Debian's headless Chromium): it loads nothing from outside,
/// logs no error (a CSP violation would be one), and a model output holding a script shows as text.
/// </summary>
public sealed class DailyReportBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Hostile = "<script>document.title='owned'</script><img src=x onerror=alert(1)>";
    private readonly CliRun run = new();

    public void Dispose() => run.Dispose();

    [Fact]
    public async Task TheDailyReportRendersWithoutExternalRequestsOrErrorsAndShowsScriptsAsText()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does)");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dataset = run.Write("set.jsonl", """
            {"id": "greet", "input": "Say hello.", "reference": "Hello."}
            {"id": "capital", "input": "What is the capital of France?", "reference": "Paris is the capital of France."}
            """);
        var outputs = run.Write("outputs.jsonl",
            "{\"id\": \"greet\", \"output\": \"Hello.\", \"ttft_ms\": 120, \"total_ms\": 300, \"output_tokens\": 2}\n" +
            $"{{\"id\": \"capital\", \"output\": {System.Text.Json.JsonSerializer.Serialize(Hostile)}, \"ttft_ms\": 900, \"total_ms\": 1500, \"output_tokens\": 20}}\n");
        var store = run.Path("results.db");
        var evaluated = await run.RunAsync("evaluate", "--dataset", dataset, "--model", "recorded:" + outputs, "--out", run.Path("run"), "--store", store, "--no-progress");
        Assert.True(evaluated.Exit == 0, evaluated.Err);
        var reported = await run.RunAsync("report", "daily", "--date", today, "--out", run.Path("daily"), "--store", store, "--config", Path.Combine(CliRun.RepositoryRoot, "jobs"));
        Assert.True(reported.Exit == 0, reported.Err);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        var file = new Uri(run.Path("daily", "report.html")).AbsoluteUri;
        await page.GotoAsync(file, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var screenshot = run.Path("daily", "report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        Assert.Equal([file], requests);
        Assert.Empty(errors);
        Assert.Equal(0, dialogs);
        Assert.NotEqual("owned", await page.TitleAsync());
        Assert.Contains(Hostile, await page.InnerTextAsync("body"));
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(await page.Locator("svg").CountAsync() >= 2, "the trend and burn-down charts are missing");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
    }
}
