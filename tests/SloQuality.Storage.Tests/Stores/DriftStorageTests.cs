using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Storage.Tests.Stores;

public abstract class DriftStorageTests(IStoreKind kind) : IAsyncLifetime
{
    private SqlResultStore store = null!;

    public async Task InitializeAsync()
    {
        store = kind.Open();
        await store.InitializeAsync(CancellationToken.None);
        await store.RegisterDatasetAsync(new GoldenDataset("qa", "qa.jsonl", string.Empty, [], "hash-1"), CancellationToken.None);
        foreach (var run in new[] { "run-1", "run-2" })
        {
            await store.CreateRunAsync(new RunRecord(run, "qa", "hash-1", "sim", 2, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        kind.Dispose();
    }

    [Fact]
    public async Task AnEmbeddingIsStoredOncePerModelAndText()
    {
        await store.PutEmbeddingsAsync("m1", [("h1", [1f, 2f]), ("h2", [3f, 4f])], CancellationToken.None);
        await store.PutEmbeddingsAsync("m1", [("h1", [9f, 9f])], CancellationToken.None);

        var found = await store.GetEmbeddingsAsync("m1", ["h1", "h2", "h3"], CancellationToken.None);
        var otherModel = await store.GetEmbeddingsAsync("m2", ["h1"], CancellationToken.None);

        Assert.Equal([1f, 2f], found["h1"]);
        Assert.Equal([3f, 4f], found["h2"]);
        Assert.False(found.ContainsKey("h3"));
        Assert.Empty(otherModel);
    }

    [Fact]
    public async Task TheLatestPromotionIsTheCurrentBaselineWithItsNoiseFloor()
    {
        var noise = new NoiseFloor("2 repeats of run-1", "m1", new Dictionary<string, double> { ["a"] = 0.97, ["b"] = 0.91 });
        var first = DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await store.PromoteAsync(new BaselineRecord("sim", "qa", "run-1", "hash-1", first, "ana", "run-1", noise), CancellationToken.None);
        await store.PromoteAsync(new BaselineRecord("sim", "qa", "run-2", "hash-1", first.AddDays(1), "bo", null, null), CancellationToken.None);

        var current = await store.GetCurrentAsync("sim", "qa", CancellationToken.None);
        var all = await store.ListCurrentAsync(CancellationToken.None);

        Assert.Equal("run-2", current!.RunId);
        Assert.Equal("bo", current.PromotedBy);
        Assert.Null(current.Noise);
        Assert.Equal("run-2", Assert.Single(all).RunId);
        Assert.Null(await store.GetCurrentAsync("sim", "other", CancellationToken.None));

        await store.PromoteAsync(new BaselineRecord("sim", "qa", "run-1", "hash-1", first.AddDays(2), null, "run-1", noise), CancellationToken.None);
        var again = await store.GetCurrentAsync("sim", "qa", CancellationToken.None);
        Assert.Equal(0.97, again!.Noise!.Similarities["a"]);
        Assert.Equal("m1", again.Noise.EmbeddingModel);
    }

    [Fact]
    public async Task DriftSimilaritiesAreSetOnTheStoredItemsAndNullStaysNull()
    {
        await store.WriteItemAsync(new ItemResult { RunId = "run-1", ItemId = "a", Output = "x", CompletedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await store.WriteItemAsync(new ItemResult { RunId = "run-1", ItemId = "b", Output = "y", CompletedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        await store.SetDriftSimilaritiesAsync("run-1", [("a", 0, 0.875), ("b", 0, null)], CancellationToken.None);

        var items = await store.GetItemResultsAsync("run-1", CancellationToken.None);
        Assert.Equal(0.875, items.Single(i => i.ItemId == "a").DriftSimilarity);
        Assert.Null(items.Single(i => i.ItemId == "b").DriftSimilarity);
    }
}

public sealed class SqliteDriftStorageTests() : DriftStorageTests(new SqliteKind());

[Collection(PostgresCollection.Name)]
public sealed class PostgresDriftStorageTests(PostgresCluster cluster) : DriftStorageTests(new PostgresKind(cluster));
