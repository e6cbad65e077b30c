using System.Globalization;
using System.Text.Json.Nodes;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Review;

namespace SloQuality.Cli.Tests.Hallucination;

public sealed class HumanReviewTests
{
    [Fact]
    public async Task ASampledSheetLabelledByAPersonMeasuresTheDetectorInTheReportAndBecomesTrainingData()
    {
        using var cli = new CliRun();
        var dataset = CliRun.Repo("golden-datasets", "factual-qa.jsonl");
        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", "sim-candidate", "--config", CliRun.Repo("jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, err);
        var runId = JsonNode.Parse(File.ReadAllText(cli.Path("out", "summary.json")))!["run_id"]!.GetValue<string>();

        var sample = await cli.RunAsync("hitl", "sample", "--run", runId, "--n", "12", "--out", cli.Path("review.csv"), "--dataset", dataset, "--store", cli.Path("results.db"), "--config", CliRun.Repo("jobs"));
        Assert.True(sample.Exit == 0, sample.Err);
        var sheet = File.ReadAllLines(cli.Path("review.csv"));
        Assert.Equal(13, sheet.Length);
        Assert.Contains(sheet, l => l.Contains(",flagged,", StringComparison.Ordinal) || l.Contains(",borderline,", StringComparison.Ordinal));
        Assert.Contains(sheet, l => l.Contains(",unflagged,", StringComparison.Ordinal));

        // The reviewer agrees with the detector everywhere but on the first row.
        var labelled = sheet.Take(1).Concat(sheet.Skip(1).Select((line, i) =>
        {
            var detector = line.Contains(",yes,", StringComparison.Ordinal);
            var label = (i == 0 ? !detector : detector) ? "yes" : "no";
            return line.Replace(",,,", $",{label},ann,", StringComparison.Ordinal);
        }));
        File.WriteAllLines(cli.Path("review.csv"), [.. labelled, "no-such-run,capital-australia,0,flagged,yes,0.9,,,,,yes,ann,"]);

        var import = await cli.RunAsync("hitl", "import", cli.Path("review.csv"), "--store", cli.Path("results.db"), "--training", cli.Path("labelled.jsonl"), "--dataset", dataset);
        Assert.Equal(2, import.Exit);   // the stray row is reported; the 12 good labels are kept
        Assert.Contains($"{cli.Path("review.csv")}:14: run 'no-such-run' has no output for item 'capital-australia' repeat 0", import.Err, StringComparison.Ordinal);
        Assert.Contains("imported 12 labels", import.Out, StringComparison.Ordinal);
        Assert.Contains("agreement 0.917 [", import.Out, StringComparison.Ordinal);
        var (training, problems) = LabelledData.Read(cli.Path("labelled.jsonl"));
        Assert.Empty(problems);
        Assert.Equal(12, training.Count);

        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await cli.RunAsync("report", "daily", "--date", today, "--out", cli.Path("report"), "--store", cli.Path("results.db"), "--config", CliRun.Repo("jobs"));
        Assert.True(report.Exit == 0, report.Err);
        Assert.Contains("Hallucination detector against human review", File.ReadAllText(cli.Path("report", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSheetSurvivesCommasQuotesAndLineBreaksAndABadLabelIsALineProblem()
    {
        using var cli = new CliRun();
        var csv = cli.Write("r.csv", string.Join("\r\n",
            "run_id,item_id,repeat,output,label,note",
            "run-1,a,0,\"Paris, France\",yes,\"said \"\"Paris\"\"\"",
            "run-1,b,0,\"two\nlines\",no,",
            "run-1,c,0,x,maybe,",
            "run-1,d,0,y,,"));

        var (labels, problems) = ReviewCsv.Read(csv);

        Assert.Equal(2, labels.Count);
        Assert.Equal("said \"Paris\"", labels[0].Note);
        Assert.False(labels[1].Hallucinated);
        Assert.Equal($"{csv}:5: label 'maybe' is not a verdict, expected yes (hallucinated) or no (faithful), or empty to skip", Assert.Single(problems).ToString());
    }
}
