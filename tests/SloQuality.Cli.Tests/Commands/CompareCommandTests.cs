namespace SloQuality.Cli.Tests.Commands;

public sealed class CompareCommandTests
{
    private static readonly string Jobs = CliRun.Repo("jobs");

    [Fact]
    public async Task TwoRunsOfOneDatasetAreComparedWithPairedTestsDriftAndTheChangedItemsFirst()
    {
        using var cli = new CliRun();
        var dataset = CliRun.Repo("golden-datasets", "factual-qa.jsonl");
        var store = cli.Path("results.db");
        var a = await EvaluateAsync(cli, dataset, "sim-stable", store, "run-a");
        var b = await EvaluateAsync(cli, dataset, "sim-candidate", store, "run-b");

        var (exit, output, err) = await cli.RunAsync("compare", a, b, "--store", store, "--config", Jobs, "--dataset", dataset, "--markdown", cli.Path("compare.md"));

        Assert.True(exit == 0, output + err);
        Assert.Contains("# factual-qa: run-a (A) against run-b (B)", output, StringComparison.Ordinal);
        Assert.Matches(@"\[(pass|fail|insufficient)\] no regression: correctness: ", output);
        Assert.Matches(@"\[pass\] drift between the runs' outputs: mean similarity 0\.\d{4} \[", output);
        Assert.Matches(@"## Changed items \([1-9]\d*\)", output);
        var markdown = File.ReadAllText(cli.Path("compare.md"));
        Assert.Contains("| Item | Prompt | A | Output A | B | Output B |", markdown, StringComparison.Ordinal);
        // Items whose verdict changed come before those that only changed words.
        var lines = output.Split('\n').Where(l => l.StartsWith("- `", StringComparison.Ordinal)).ToList();
        var firstWordsOnly = lines.FindIndex(l => l.EndsWith("(other words)", StringComparison.Ordinal));
        Assert.True(firstWordsOnly < 0 || lines.Skip(firstWordsOnly).All(l => l.EndsWith("(other words)", StringComparison.Ordinal)), output);
    }

    [Fact]
    public async Task RunsOfDifferentDatasetsOrAnUnknownRunAreRefusedWithTheReason()
    {
        using var cli = new CliRun();
        var store = cli.Path("results.db");
        var a = await EvaluateAsync(cli, CliRun.Repo("golden-datasets", "factual-qa.jsonl"), "sim-stable", store, "run-a");
        var b = await EvaluateAsync(cli, CliRun.Repo("golden-datasets", "invoice-extraction.jsonl"), "sim-stable", store, "run-b");

        var different = await cli.RunAsync("compare", a, b, "--store", store, "--config", Jobs);
        var unknown = await cli.RunAsync("compare", a, "nope", "--store", store, "--config", Jobs);

        Assert.Equal(2, different.Exit);
        Assert.Contains("run run-a is of dataset 'factual-qa' and run run-b of 'invoice-extraction': compare two runs of one dataset", different.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no run 'nope' in the result store", unknown.Err, StringComparison.Ordinal);
    }

    private static async Task<string> EvaluateAsync(CliRun cli, string dataset, string model, string store, string runId)
    {
        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", model, "--out", cli.Path("out-" + runId), "--config", Jobs, "--store", store, "--run-id", runId, "--no-progress");
        Assert.True(exit == 0, err);
        return runId;
    }
}
