using Hangfire;
using SloQuality.Core.Evaluation;

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

        var (runId, problems) = await harness.Starter.StartAsync("big", "sim", repeat: 1, RunOrigins.Schedule, CancellationToken.None);
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

        var (runId, problems) = await harness.Starter.StartAsync("broken", "sim", repeat: 1, RunOrigins.Schedule, CancellationToken.None);
        var (missing, notFound) = await harness.Starter.StartAsync("nope", "sim", repeat: 1, RunOrigins.Schedule, CancellationToken.None);

        Assert.Null(runId);
        Assert.StartsWith($"{Path.Combine(datasets, "broken.jsonl")}:1: ", problems[0].ToString());
        Assert.Null(missing);
        Assert.Contains("no dataset named 'nope'", notFound[0].Message);
    }

    [Fact]
    public async Task EvaluatingAllDatasetsStartsTheGoodOnesAndNamesEveryBadFileBesideThem()
    {
        File.WriteAllLines(Path.Combine(datasets, "good.jsonl"), Enumerable.Range(0, 5).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is item number {i}?\", \"reference\": \"Item number {i} is a test item.\"}}"));
        File.WriteAllText(Path.Combine(datasets, "loop.yaml"), "items:\n  - &self\n    id: a\n    input: q\n    reference: r\n    metadata: *self\n");
        File.WriteAllText(Path.Combine(datasets, "huge.jsonl"), "{\"id\": \"a\", \"input\": \"q\", \"reference\": \"r\", \"metadata\": {\"n\": 1e999}}\n");
        System.Diagnostics.Process.Start("mkfifo", Path.Combine(datasets, "pipe.jsonl"))!.WaitForExit();
        await using var harness = await JobHarness.StartAsync(datasets, chunkSize: 25);
        var job = new ScheduledEvaluationJob(harness.Starter, new DatasetCatalog(harness.Options));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(EvaluationSchedule.AllDatasets, "sim", 1, CancellationToken.None));

        var started = Assert.Single(await harness.Store.GetRunsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None)).Run;
        Assert.Equal("good", started.DatasetName);
        Assert.Equal(5, (await harness.WaitForRunAsync(started.RunId, TimeSpan.FromSeconds(60))).PlannedItems);
        Assert.Contains($"{Path.Combine(datasets, "loop.yaml")}:6: alias '*self' refers to the node that contains it", failure.Message);
        Assert.Contains($"{Path.Combine(datasets, "huge.jsonl")}:1: the number 1e999 is outside the range of a double", failure.Message);
        Assert.Contains($"{Path.Combine(datasets, "pipe.jsonl")}:0: is a FIFO (named pipe)", failure.Message);
    }
}
