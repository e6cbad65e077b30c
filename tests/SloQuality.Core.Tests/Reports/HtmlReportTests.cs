using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Tests.Reports;

public sealed class HtmlReportTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private static (RunSummary Summary, GoldenDataset Dataset, ItemResult[] Results) Run()
    {
        var item = Items.Make(prompt: "Say " + Hostile);
        var dataset = new GoldenDataset("set<b>", "set.jsonl", string.Empty, [item], new string('a', 64));
        var result = new ItemResult { RunId = "r1", ItemId = item.Id, Output = Hostile, Correct = false, CorrectnessScore = 0, Hallucinated = true, HallucinationScore = 0.9, Reasons = [Hostile] };
        var none = QuantileEstimate.FromSorted([], 0.5);
        var summary = new RunSummary
        {
            RunId = "r1",
            Dataset = new RunSummary.DatasetInfo(dataset.Name, dataset.Path, dataset.ContentHash, 1),
            Model = new RunSummary.ModelInfo("m<i>", "simulator", "m"),
            Items = new RunSummary.ItemCounts(1, 1, 0, new Dictionary<string, int>()),
            Correctness = RateEstimate.Wilson(0, 1),
            Hallucination = Core.Hallucination.HallucinationRate.From(RateEstimate.Wilson(1, 1)),
            Availability = RateEstimate.Wilson(1, 1),
            SuccessRate = RateEstimate.Wilson(1, 1),
            Latency = new RunSummary.LatencySummary(none, none, none, none, none, none, none),
            Tokens = new RunSummary.TokenSummary(0, 0, null, null),
        };
        return (summary, dataset, [result]);
    }

    [Fact]
    public void ModelOutputIsEscapedInTheHtmlReport()
    {
        var (summary, dataset, results) = Run();

        var html = HtmlReport.Render(summary, dataset, results);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
    }

    [Fact]
    public void BaselineAndCurrentOutputsAreEscapedSideBySideInTheDriftSection()
    {
        var (summary, dataset, results) = Run();
        var moved = results.Select(r => r with { DriftSimilarity = 0.12 }).ToArray();
        var drift = new SloQuality.Core.Drift.DriftAnalyzer(SloQuality.Core.Drift.DriftAnalyzer.DefaultTests, new SloQuality.Core.Drift.DriftOptions()).Analyze([], 0, "base<run>", "m", null);

        var html = HtmlReport.Render(summary with { Drift = drift }, dataset, moved, new Dictionary<string, string> { [moved[0].ItemId] = "baseline <b>said</b> this" });
        var markdown = MarkdownReport.Render(summary with { Drift = drift }, dataset, moved, new Dictionary<string, string> { [moved[0].ItemId] = "baseline <b>said</b> this" });

        Assert.Contains("Items that moved most", html);
        Assert.Contains("baseline &lt;b&gt;said&lt;/b&gt; this", html);
        Assert.Contains("base&lt;run&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("insufficient data", html);
        Assert.Contains("baseline &lt;b&gt;said&lt;/b&gt; this", markdown);
        Assert.DoesNotContain("<script>", markdown);
    }

    [Fact]
    public void TheHtmlReportLoadsNothingFromOutside()
    {
        var (summary, dataset, results) = Run();

        var html = HtmlReport.Render(summary, dataset, results);

        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void ModelOutputIsEscapedInTheMarkdownReport()
    {
        var (summary, dataset, results) = Run();

        var markdown = MarkdownReport.Render(summary, dataset, results);

        Assert.DoesNotContain("<script>", markdown);
        Assert.DoesNotContain("<img", markdown);
        Assert.Contains("&lt;script&gt;", markdown);
    }
}
