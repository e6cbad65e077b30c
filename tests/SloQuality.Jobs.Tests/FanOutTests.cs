using Hangfire;

namespace SloQuality.Jobs.Tests;

public sealed class FanOutTests : IDisposable
{
    private readonly string datasets = Directory.CreateTempSubdirectory("sloq-jobs-data-").FullName;

    public void Dispose() => Directory.Delete(datasets, recursive: true);

    [Fact]
    public async Task ARunSplitIntoChunksStoresEveryItemOnceAndIsFinalisedOnce()
    {
        File.WriteAllLines(Path.Combine(datasets, "big.jsonl"), Enumerable.Range(0, 230).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is item number {i}?\", \"reference\": \"Item number {i} is a test item.\"}}"));
        await using var harness = await JobHarness.StartAsync(datasets, chunkSize: 25);

        var (runId, problems) = await harness.Starter.StartAsync("big", "sim", repeat: 1, CancellationToken.None);
        Assert.Empty(problems);
        var run = await harness.WaitForRunAsync(runId!, TimeSpan.FromSeconds(60));

        var items = await harness.Store.GetItemResultsAsync(runId!, CancellationToken.None);
        Assert.Equal(230, items.Count);
        Assert.Equal(230, items.Select(i => i.ItemId).Distinct().Count());
        Assert.Equal(new Core.Evaluation.ChunkProgress(10, 10), await harness.Store.GetProgressAsync(runId!, CancellationToken.None));
        // The run is marked completed inside the finalisation job, a moment before Hangfire marks the job succeeded.
        int Finalisations() => harness.Storage.GetMonitoringApi().SucceededJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(FinalizeRunJob));
        for (var wait = 0; wait < 50 && Finalisations() == 0; wait++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        Assert.Equal(1, Finalisations());
        Assert.Equal(0, harness.Storage.GetMonitoringApi().FailedCount());
        Assert.True(File.Exists(Path.Combine(harness.Options.OutputFolder, "runs", "sim", "big", runId!, "summary.json")));
        Assert.Equal(230, run.PlannedItems);
    }

    [Fact]
    public async Task AnInvalidDatasetDoesNotStartAndSaysWhereItIsWrong()
    {
        File.WriteAllText(Path.Combine(datasets, "broken.jsonl"), "{\"id\": \"a\", \"input\": \"x\"\n");
        await using var harness = await JobHarness.StartAsync(datasets, chunkSize: 25);

        var (runId, problems) = await harness.Starter.StartAsync("broken", "sim", repeat: 1, CancellationToken.None);
        var (missing, notFound) = await harness.Starter.StartAsync("nope", "sim", repeat: 1, CancellationToken.None);

        Assert.Null(runId);
        Assert.StartsWith($"{Path.Combine(datasets, "broken.jsonl")}:1: ", problems[0].ToString());
        Assert.Null(missing);
        Assert.Contains("no dataset named 'nope'", notFound[0].Message);
    }
}
