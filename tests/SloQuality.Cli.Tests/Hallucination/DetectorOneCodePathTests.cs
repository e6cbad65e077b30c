using System.Text.Json.Nodes;
using System.Text.Json;
using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Inference.Hallucination;

namespace SloQuality.Cli.Tests.Hallucination;

public sealed class DetectorOneCodePathTests
{
    /// <summary>Our labelled examples (negations, numbers, names, context, unanswerable items) as a golden dataset and a recorded-outputs file.</summary>
    [Fact]
    public async Task EvaluatingRecordedOutputsGivesTheBenchmarkDetectorsVerdicts()
    {
        using var cli = new CliRun();
        var (read, _) = LabelledData.Read(Path.Combine(CliRun.RepositoryRoot, "jobs", "detector", "examples.jsonl"));
        var cases = read.Select((o, i) => o with { Item = o.Item with { Id = $"case-{i}" } }).ToList();
        var dataset = cli.Write("cases.jsonl", string.Join('\n', cases.Select(o => JsonSerializer.Serialize(new
        {
            id = o.Item.Id,
            input = o.Item.Prompt,
            reference = o.Item.Reference,
            incorrect = o.Item.Incorrect,
            context = o.Item.Context,
            answerable = o.Item.Answerable,
        }))) + "\n");
        var recorded = cli.Write("recorded.jsonl", string.Join('\n', cases.Select(o => JsonSerializer.Serialize(new { id = o.Item.Id, output = o.Output }))) + "\n");

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", dataset, "--model", "recorded:" + recorded, "--config", Path.Combine(CliRun.RepositoryRoot, "jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, stderr);

        var items = File.ReadAllLines(cli.Path("out", "items.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(i => i["id"]!.GetValue<string>());
        var golden = GoldenDatasetLoader.Load(dataset).Dataset!.Items.ToDictionary(i => i.Id);
        var detector = HallucinationDetectorFactory.Trained(Path.Combine(CliRun.RepositoryRoot, "jobs", "detector", "hallucination-detector.zip"));
        Assert.True(cases.Count >= 50, $"{cases.Count} cases");
        Assert.Contains(cases, o => !o.Item.Answerable);
        Assert.Contains(cases, o => o.Item.Context.Count > 0);
        foreach (var o in cases)
        {
            var direct = await detector.DetectAsync(golden[o.Item.Id], o.Output);
            Assert.Equal(direct.Hallucinated, items[o.Item.Id]["hallucinated"]!.GetValue<bool>());
            Assert.Equal(direct.Score, items[o.Item.Id]["hallucination_score"]!.GetValue<double>(), 9);
        }
    }
}
