using System.Text.Json.Nodes;

namespace SloQuality.Cli.Tests.Hallucination;

/// <summary>Context-only golden items (RAG answers, summaries, grounded dialogue) through <c>sloq evaluate</c>.</summary>
public sealed class GroundedItemTests
{
    [Fact]
    public async Task AContextOnlyDatasetValidatesAndEvaluatesWithNoCorrectnessButAHallucinationVerdict()
    {
        using var cli = new CliRun();
        var dataset = cli.Write("rag.jsonl", """
            {"id": "lamps", "input": "What does the returns policy say about lamps?", "context": "Opened lamps carry a restocking fee of 12 euros. Unopened lamps can be returned free of charge within 45 days."}
            {"id": "sofas", "input": "How long does sofa delivery take?", "context": "Sofas are delivered within 3 to 4 weeks of the order. Armchairs arrive within 10 business days."}
            """ + "\n");
        var recorded = cli.Write("recorded.jsonl", """
            {"id": "lamps", "output": "Sure! Opened lamps carry a restocking fee of 12 euros, and unopened lamps can be returned free of charge within 45 days. I hope this helps!"}
            {"id": "sofas", "output": "Sofas are delivered within 2 days of the order."}
            """ + "\n");

        var validate = await cli.RunAsync("datasets", "validate", dataset);
        Assert.True(validate.Exit == 0, validate.Out + validate.Err);

        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", "recorded:" + recorded, "--config", CliRun.Repo("jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, err);

        var items = File.ReadAllLines(cli.Path("out", "items.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(i => i["id"]!.GetValue<string>());
        foreach (var item in items.Values)
        {
            Assert.Null(item["correct"]);
            Assert.Null(item["correctness_score"]);
        }

        Assert.False(items["lamps"]["hallucinated"]!.GetValue<bool>());
        Assert.True(items["sofas"]["hallucinated"]!.GetValue<bool>());
        var summary = JsonNode.Parse(File.ReadAllText(cli.Path("out", "summary.json")))!;
        Assert.Equal(0, summary["correctness"]!["n"]!.GetValue<int>());      // grounded items are not counted in correctness
        Assert.Equal(2, summary["hallucination"]!["n"]!.GetValue<int>());
        Assert.Equal(1, summary["hallucination"]!["successes"]!.GetValue<int>());
        Assert.Contains("grounded", File.ReadAllText(cli.Path("out", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EverySampleDatasetsSummaryHoldsTheDetectorsSelfCheck()
    {
        using var cli = new CliRun();
        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", SloQuality.Tests.Shared.SampleDatasets.CopyTo(cli.Path("samples")), "--model", "sim-stable", "--config", CliRun.Repo("jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, err);

        foreach (var folder in Directory.GetDirectories(cli.Path("out")))
        {
            var hallucination = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!["hallucination"]!;
            var check = hallucination["self_check"];
            Assert.True(check is not null, $"{folder}: no self_check");
            foreach (var field in new[] { "sensitivity", "specificity", "n_faithful", "n_hallucinated" })
            {
                Assert.True(check![field] is not null, $"{folder}: self_check has no {field}");
            }

            Assert.True(hallucination["corrected_note"] is not null, $"{folder}: without labels the summary says why there is no corrected rate");
        }
    }
}
