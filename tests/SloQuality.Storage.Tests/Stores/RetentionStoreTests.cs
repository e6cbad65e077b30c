using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Retention;
using SloQuality.Core.Review;
using SloQuality.Core.Slo;

namespace SloQuality.Storage.Tests.Stores;

public abstract class RetentionStoreTests(IStoreKind kind) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Start.AddDays(50).AddHours(12);
    private readonly string runsFolder = Directory.CreateTempSubdirectory("sloq-retention-").FullName;
    private SqlResultStore store = null!;

    public async Task InitializeAsync()
    {
        store = kind.Open();
        await store.InitializeAsync(CancellationToken.None);
        await store.RegisterDatasetAsync(new GoldenDataset("qa", "qa.jsonl", string.Empty, [], "h"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        kind.Dispose();
        Directory.Delete(runsFolder, recursive: true);
    }

    [Fact]
    public async Task APruneRemovesOldItemRowsAndFoldersAndLeavesTheFoldsFiguresAsTheyWere()
    {
        // Fifty days of daily runs; the first is the baseline, the second has two outputs a person labelled.
        for (var day = 0; day < 50; day++)
        {
            await RunAsync($"run-{day:00}", Start.AddDays(day).AddHours(9), correct: 80 + (day % 20));
        }

        await store.PromoteAsync(new BaselineRecord("sim", "qa", "run-00", "h", Start.AddHours(10), "test", null, null), CancellationToken.None);
        await store.SaveReviewLabelsAsync([new ReviewLabel("run-01", "q0", 0, false, "ann", null), new ReviewLabel("run-01", "q1", 0, true, "ann", null)], CancellationToken.None);
        var set = Slos();
        var before = await FoldAsync(set);
        var storedBefore = await store.EvaluationsAsync(Start, Now.AddDays(1), CancellationToken.None);

        var summary = await new HistoryPruner(store, new FakeTimeProvider(Now)).PruneAsync(RetentionOptions.Parse("30", "test").Options!, runsFolder, CancellationToken.None);

        // Runs of days 0 to 20 started more than 30 days before now; the baseline's and the two labelled outputs stay.
        Assert.Equal(20, summary.Runs);
        Assert.Equal((19 * 100) + 98, summary.ItemRows);
        Assert.Equal(20, summary.Folders);
        Assert.Empty(await store.GetItemResultsAsync("run-05", CancellationToken.None));
        Assert.Equal(100, (await store.GetItemResultsAsync("run-00", CancellationToken.None)).Count);
        Assert.Equal(["q0", "q1"], (await store.GetItemResultsAsync("run-01", CancellationToken.None)).Select(r => r.ItemId).Order());
        Assert.Equal(100, (await store.GetItemResultsAsync("run-21", CancellationToken.None)).Count);
        Assert.NotNull((await store.GetStoredRunAsync("run-05", CancellationToken.None))?.SummaryJson);
        Assert.False(Directory.Exists(Folder("run-05")));
        Assert.True(Directory.Exists(Folder("run-00")));
        Assert.True(Directory.Exists(Folder("run-21")));
        Assert.Equal(1, (await store.LabelsAsync("qa", Start, Now, CancellationToken.None)).Count(l => l.Hallucinated));

        // The same figures, from the slices and evaluations the prune kept.
        Assert.Equal(before, await FoldAsync(set));
        Assert.Equal(storedBefore, await store.EvaluationsAsync(Start, Now.AddDays(1), CancellationToken.None));

        var again = await new HistoryPruner(store, new FakeTimeProvider(Now)).PruneAsync(RetentionOptions.Parse("30", "test").Options!, runsFolder, CancellationToken.None);
        Assert.Equal((0, 0), (again.ItemRows, again.Folders));
    }

    [Fact]
    public async Task AnEmbeddingGoesOnceOlderThanTheCutoffUnlessABaselinesOutputNeedsIt()
    {
        await RunAsync("base", Start.AddHours(9), correct: 90, output: "the baseline's answer");
        await store.PromoteAsync(new BaselineRecord("sim", "qa", "base", "h", Start.AddHours(10), "test", null, null), CancellationToken.None);
        await store.PutEmbeddingsAsync("minilm", [(EmbeddingCache.Hash("the baseline's answer"), [1f, 0f]), (EmbeddingCache.Hash("a later answer"), [0f, 1f])], CancellationToken.None);
        var hashes = new[] { EmbeddingCache.Hash("the baseline's answer"), EmbeddingCache.Hash("a later answer") };

        var early = await store.PruneAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);
        var late = await store.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(0, early.Embeddings);
        Assert.Equal(1, late.Embeddings);
        Assert.Equal([hashes[0]], (await store.GetEmbeddingsAsync("minilm", hashes, CancellationToken.None)).Keys);
        Assert.Equal(["base"], late.KeptRuns);
        Assert.Equal(100, (await store.GetItemResultsAsync("base", CancellationToken.None)).Count);
    }

    private static SloSet Slos() => new(
    [
        new SloDefinition { Name = "correct-daily", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.9, Window = new SloWindow(SloWindow.Daily) },
        new SloDefinition { Name = "correct-28d", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.5, Window = new SloWindow(SloWindow.RollingKind, TimeSpan.FromDays(28)) },
    ], new AvailabilityCounting());

    private async Task<string> FoldAsync(SloSet set) =>
        JsonSerializer.Serialize((await new SloFoldService(store, new FakeTimeProvider(Now), store).FoldAsync(set, CancellationToken.None, seriesPoints: 10)).Current);

    private string Folder(string runId) => Path.Combine(runsFolder, "sim", "qa", runId);

    private async Task RunAsync(string id, DateTimeOffset at, int correct, string output = "x")
    {
        var run = new RunRecord(id, "qa", "h", "sim", 100, 1, at);
        await store.CreateRunAsync(run, CancellationToken.None);
        var results = Enumerable.Range(0, 100).Select(i => new ItemResult
        {
            RunId = id, ItemId = $"q{i}", Output = output, Correct = i < correct, Hallucinated = i == 0, HallucinationScore = i == 0 ? 0.9 : 0.1,
            TtftMs = 100 + i, TotalMs = 400, GapsMs = [10, 12], OutputTokens = 12, CompletedAt = at.AddSeconds(i),
        }).ToList();
        foreach (var r in results)
        {
            await store.WriteItemAsync(r, CancellationToken.None);
        }

        await store.FlushAsync(CancellationToken.None);
        await store.WriteSlicesAsync(id, SliceAggregator.Aggregate(run, results), CancellationToken.None);
        await store.CompleteRunAsync(id, at.AddMinutes(5), "{\"run_id\":\"" + id + "\"}", CancellationToken.None);

        // The report folder, written when the run finished.
        var folder = Folder(id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), "{}");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "summary.json"), at.AddMinutes(5).UtcDateTime);
        Directory.SetLastWriteTimeUtc(folder, at.AddMinutes(5).UtcDateTime);
    }
}

public sealed class SqliteRetentionStoreTests() : RetentionStoreTests(new SqliteKind());

[Collection(PostgresCollection.Name)]
public sealed class PostgresRetentionStoreTests(PostgresCluster cluster) : RetentionStoreTests(new PostgresKind(cluster));
