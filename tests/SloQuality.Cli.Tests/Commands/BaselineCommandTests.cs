using System.Text.Json;

namespace SloQuality.Cli.Tests.Commands;

public sealed class BaselineCommandTests : IDisposable
{
    private readonly CliRun run = new();

    public void Dispose() => run.Dispose();

    [Fact]
    public async Task APromotedBaselineGivesEveryItemWithABaselineOutputASimilarityAndNewItemsNull()
    {
        var config = WriteQuietSimulatorConfig();
        var original = Path.Combine(CliRun.RepositoryRoot, "golden-datasets", "factual-qa.jsonl");
        var store = run.Path("results.db");
        var first = await run.RunAsync("evaluate", "--dataset", original, "--model", "sim-quiet", "--out", run.Path("a"), "--store", store, "--config", config, "--repeat", "2", "--no-progress");
        Assert.True(first.Exit == 0, first.Err);
        var baselineRun = JsonDocument.Parse(File.ReadAllText(run.Path("a", "summary.json"))).RootElement.GetProperty("run_id").GetString()!;

        var promoted = await run.RunAsync("baseline", "promote", "--run", baselineRun, "--store", store, "--config", config);
        Assert.True(promoted.Exit == 0, promoted.Err);
        Assert.Contains("noise floor: mean similarity", promoted.Out);
        var shown = await run.RunAsync("baseline", "show", "--store", store);
        Assert.Contains($"sim-quiet\tfactual-qa\t{baselineRun}", shown.Out);

        // The same dataset with one item added: it has no baseline output.
        var grown = run.Write(Path.Combine("grown", "factual-qa.jsonl"), File.ReadAllText(original).TrimEnd() +
            "\n{\"id\": \"new-item\", \"input\": \"What colour is the sky on a clear day?\", \"reference\": \"The sky is blue on a clear day.\"}\n");
        var second = await run.RunAsync("evaluate", "--dataset", grown, "--model", "sim-quiet", "--out", run.Path("b"), "--store", store, "--config", config, "--no-progress");
        Assert.True(second.Exit == 0, second.Err);

        var lines = File.ReadAllLines(run.Path("b", "items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(36, lines.Count);
        foreach (var line in lines)
        {
            var similarity = line.GetProperty("drift_similarity");
            if (line.GetProperty("id").GetString() == "new-item")
            {
                Assert.Equal(JsonValueKind.Null, similarity.ValueKind);
            }
            else
            {
                Assert.Equal(JsonValueKind.Number, similarity.ValueKind);
                Assert.InRange(similarity.GetDouble(), -1, 1);
            }
        }

        var drift = JsonDocument.Parse(File.ReadAllText(run.Path("b", "summary.json"))).RootElement.GetProperty("drift");
        Assert.Equal(baselineRun, drift.GetProperty("baseline_run_id").GetString());
        Assert.Equal(35, drift.GetProperty("items_compared").GetInt32());
        Assert.Equal(1, drift.GetProperty("items_without_baseline").GetInt32());
        Assert.Equal("noise_floor", drift.GetProperty("judged_against").GetString());
        Assert.Equal(35, drift.GetProperty("mean_similarity").GetProperty("n").GetInt32());
        Assert.Contains("Items that moved most", File.ReadAllText(run.Path("b", "report.html")));
    }

    [Fact]
    public async Task PromotingAnUnknownRunIsBadInputThatSaysWhereTheIdComesFrom()
    {
        var (exit, _, err) = await run.RunAsync("baseline", "promote", "--run", "no-such-run", "--store", run.Path("results.db"));

        Assert.Equal(2, exit);
        Assert.Contains("no run with id 'no-such-run' in the result store (the id is summary.json's run_id)", err);
    }

    [Fact]
    public async Task ABadDriftConfigurationIsReportedWithItsLine()
    {
        var config = run.Write(Path.Combine("jobs", "drift.yaml"), "embedding:\n  provider: local\ndrift:\n  alpha: 2\n");
        var (exit, _, err) = await run.RunAsync("baseline", "promote", "--run", "x", "--store", run.Path("results.db"), "--config", Path.GetDirectoryName(config)!);

        Assert.Equal(2, exit);
        Assert.Contains($"{config}:4: 'alpha' is 2, expected a number from", err);
    }

    /// <summary>A simulator target with no failures and no latency, so every item gets an answer.</summary>
    private string WriteQuietSimulatorConfig()
    {
        run.Write(Path.Combine("quiet", "targets.yaml"), """
            targets:
              - name: sim-quiet
                provider: simulator
                profile: simulator/sim-quiet.yaml
                concurrency: 16
            """);
        run.Write(Path.Combine("quiet", "simulator", "sim-quiet.yaml"), """
            model: sim-quiet
            seed: 5
            latency:
              ttft_ms: { median: 0, p99: 0 }
              inter_token_ms: { median: 0, p99: 0 }
            answers:
              hallucination: 0.02
              paraphrase: 0.15
            """);
        return run.Path("quiet");
    }
}
