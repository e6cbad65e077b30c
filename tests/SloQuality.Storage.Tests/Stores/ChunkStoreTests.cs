using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Storage.Tests.Stores;

public abstract class ChunkStoreTests(IStoreKind kind) : IAsyncLifetime
{
    private SqlResultStore store = null!;

    public async Task InitializeAsync()
    {
        store = kind.Open();
        await store.InitializeAsync(CancellationToken.None);
        await store.RegisterDatasetAsync(new GoldenDataset("qa", "qa.jsonl", string.Empty, [], "h"), CancellationToken.None);
        await store.CreateRunAsync(new RunRecord("run-1", "qa", "h", "sim", 500, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        await store.PlanAsync(new RunPlan("run-1", "qa.jsonl", [1, 2, 3], 10, 50), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        kind.Dispose();
    }

    [Fact]
    public async Task EveryChunkCountsOnceHoweverOftenItReports()
    {
        // 50 chunks from many tasks at once, each reported twice (a retried job).
        var reports = Enumerable.Range(0, 50).SelectMany(c => new[] { c, c }).OrderBy(c => (c * 7919) % 101).ToList();
        var progress = new System.Collections.Concurrent.ConcurrentBag<(int Chunk, ChunkProgress Progress)>();
        await Parallel.ForEachAsync(reports, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (chunk, ct) =>
            progress.Add((chunk, await store.CompleteChunkAsync("run-1", chunk, ct))));

        Assert.Equal(new ChunkProgress(50, 50), await store.GetProgressAsync("run-1", CancellationToken.None));
        Assert.Equal(50, progress.Max(p => p.Progress.Done));
        Assert.True(progress.Count(p => p.Progress.AllDone) >= 1);
        // Counted completions land one after another: each of 1..50 was seen, none skipped or doubled.
        Assert.Equal(Enumerable.Range(1, 50), progress.Select(p => p.Progress.Done).Distinct().Order());
    }

    [Fact]
    public async Task ExactlyOneCallerClaimsTheFinalisationAndOnlyOnceEveryChunkIsDone()
    {
        Assert.False(await store.ClaimFinalizationAsync("run-1", CancellationToken.None));
        for (var c = 0; c < 50; c++)
        {
            await store.CompleteChunkAsync("run-1", c, CancellationToken.None);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ClaimFinalizationAsync("run-1", CancellationToken.None)));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Empty(await store.StalledRunsAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None));
        Assert.Equal(["run-1"], await store.StalledRunsAsync(DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        await store.ReleaseFinalizationAsync("run-1", CancellationToken.None);
        Assert.True(await store.ClaimFinalizationAsync("run-1", CancellationToken.None));
    }

    [Fact]
    public async Task APlanKeepsTheDatasetBytesAndTheFirstPlanWins()
    {
        await store.PlanAsync(new RunPlan("run-1", "other.jsonl", [9], 99, 1), CancellationToken.None);

        var plan = await store.GetPlanAsync("run-1", CancellationToken.None);

        Assert.Equal("qa.jsonl", plan!.DatasetPath);
        Assert.Equal([1, 2, 3], plan.DatasetBytes);
        Assert.Equal((10, 50), (plan.ChunkSize, plan.Chunks));
        Assert.Null(await store.GetPlanAsync("nope", CancellationToken.None));
    }
}

public sealed class SqliteChunkStoreTests() : ChunkStoreTests(new SqliteKind());

[Collection(PostgresCollection.Name)]
public sealed class PostgresChunkStoreTests(PostgresCluster cluster) : ChunkStoreTests(new PostgresKind(cluster));
