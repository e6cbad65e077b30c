using System.Text.Json;

namespace SloQuality.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliRun run = new();

    public void Dispose() => run.Dispose();

    [Fact]
    public async Task AWeeklyReportWritesHtmlMarkdownAndJsonForTheIsoWeek()
    {
        var jobs = Path.Combine(CliRun.RepositoryRoot, "jobs");
        var dataset = Path.Combine(CliRun.RepositoryRoot, "golden-datasets", "factual-qa.jsonl");
        var evaluated = await run.RunAsync("evaluate", "--dataset", dataset, "--model", "sim-stable", "--out", run.Path("run"), "--store", run.Path("r.db"), "--config", jobs, "--no-progress");
        Assert.True(evaluated.Exit == 0, evaluated.Err);
        var week = System.Globalization.ISOWeek.GetYear(DateTime.UtcNow) + "-W" + System.Globalization.ISOWeek.GetWeekOfYear(DateTime.UtcNow).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        var (exit, output, err) = await run.RunAsync("report", "weekly", "--week", week, "--out", run.Path("weekly"), "--store", run.Path("r.db"), "--config", jobs);

        Assert.True(exit == 0, err);
        Assert.Contains($"weekly report {week}: 1 model targets, 1 runs", output);
        var report = JsonDocument.Parse(File.ReadAllText(run.Path("weekly", "report.json"))).RootElement;
        var target = report.GetProperty("targets")[0];
        Assert.Equal("sim-stable", target.GetProperty("model_target").GetString());
        Assert.Equal(9, target.GetProperty("slos").GetArrayLength());
        Assert.Equal(30, target.GetProperty("trends")[0].GetProperty("days").GetArrayLength());
        Assert.Contains("| hallucination-daily |", File.ReadAllText(run.Path("weekly", "report.md")));
        Assert.Contains("<svg", File.ReadAllText(run.Path("weekly", "report.html")));
    }

    [Theory]
    [InlineData("weekly", "--week", "2026-W54", "--week '2026-W54' is not an ISO week such as 2026-W48")]
    [InlineData("daily", "--date", "29/11/2026", "--date '29/11/2026' is not a date such as 2026-11-29")]
    public async Task ABadPeriodIsBadInputThatShowsTheExpectedForm(string kind, string option, string value, string message)
    {
        var (exit, _, err) = await run.RunAsync("report", kind, option, value, "--out", run.Path("x"), "--store", run.Path("r.db"));

        Assert.Equal(2, exit);
        Assert.Contains(message, err);
    }
}
