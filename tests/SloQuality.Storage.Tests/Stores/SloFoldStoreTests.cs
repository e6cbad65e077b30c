using Microsoft.Extensions.Time.Testing;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Storage.Tests.Stores;

public abstract class SloFoldStoreTests(IStoreKind kind) : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
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
    }

    [Fact]
    public async Task TheFoldCatchesUpEveryMissedDayFromTheStoreAloneAndOnlyOnce()
    {
        // Runs on Monday, Tuesday and Thursday; nobody folded until Friday noon.
        await RunAsync("mon", Monday.AddHours(9), correct: 95);
        await RunAsync("tue", Monday.AddDays(1).AddHours(9), correct: 80);
        await RunAsync("thu", Monday.AddDays(3).AddHours(9), correct: 97);
        var slo = new SloDefinition { Name = "correct", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.9, Window = new SloWindow(SloWindow.Daily) };
        var set = new SloSet([slo], new AvailabilityCounting());
        var time = new FakeTimeProvider(Monday.AddDays(4).AddHours(12));

        var first = await new SloFoldService(store, time).FoldAsync(set, CancellationToken.None);
        var again = await new SloFoldService(store, time).FoldAsync(set, CancellationToken.None);
        var stored = await store.EvaluationsAsync(Monday, Monday.AddDays(5), CancellationToken.None);

        Assert.Equal(4, first.CaughtUp);   // Monday to Thursday, each a complete day
        Assert.Equal(0, again.CaughtUp);
        Assert.Equal(5, stored.Count);     // and Friday, still open
        Assert.Contains("\"status\":\"breached\"", stored[1]);   // Tuesday: 80 of 100 correct
        Assert.Contains("\"status\":\"no_data\"", stored[2]);    // Wednesday: no run
        var friday = Assert.Single(first.Current);
        Assert.Equal(SloEvaluation.NoData, friday.Status);
        Assert.Equal([new Incident(Monday.AddDays(1).AddHours(9), Monday.AddDays(3).AddHours(9))], friday.Incidents);
    }

    [Fact]
    public async Task WritingARunsSlicesAgainReplacesThem()
    {
        var run = await RunAsync("r", Monday.AddHours(1), correct: 50);
        var results = await store.GetItemResultsAsync("r", CancellationToken.None);
        await store.WriteSlicesAsync("r", SliceAggregator.Aggregate(run, results), CancellationToken.None);

        var slices = await store.ReadSlicesAsync(Monday, Monday.AddDays(1), CancellationToken.None);
        Assert.Equal(100, slices.Sum(s => s.Items));
        Assert.Equal(50, slices.Sum(s => s.Correct));
        Assert.Equal(100, slices.Sum(s => s.Ttft.Count));
    }

    [Fact]
    public async Task ARunsOriginIsStoredWithItAndItsSlicesAndTheFoldLeavesSignoffRunsOut()
    {
        await RunAsync("scheduled", Monday.AddHours(1), correct: 95, RunOrigins.Schedule);
        await RunAsync("candidate", Monday.AddHours(2), correct: 10, RunOrigins.Signoff, target: "candidate");
        var slo = new SloDefinition { Name = "correct", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.9, Window = new SloWindow(SloWindow.Daily) };

        var runs = await store.GetRunsAsync(Monday, Monday.AddDays(1), CancellationToken.None);
        var slices = await store.ReadSlicesAsync(Monday, Monday.AddDays(1), CancellationToken.None);
        var folded = await new SloFoldService(store, new FakeTimeProvider(Monday.AddHours(12))).FoldAsync(new SloSet([slo], new AvailabilityCounting()), CancellationToken.None);

        Assert.Equal([RunOrigins.Schedule, RunOrigins.Signoff], runs.Select(r => r.Run.Origin));
        Assert.Equal(RunOrigins.Signoff, (await store.GetRunAsync("candidate", CancellationToken.None))!.Origin);
        Assert.Equal([RunOrigins.Schedule, RunOrigins.Signoff], slices.Select(s => s.Origin).Distinct());
        var only = Assert.Single(folded.Current);
        Assert.Equal(("sim", 0.95), (only.ModelTarget, only.Value));
    }

    private async Task<RunRecord> RunAsync(string id, DateTimeOffset at, int correct, string origin = RunOrigins.Cli, string target = "sim")
    {
        var run = new RunRecord(id, "qa", "h", target, 100, 1, at, Origin: origin);
        await store.CreateRunAsync(run, CancellationToken.None);
        var results = Enumerable.Range(0, 100).Select(i => new ItemResult
        {
            RunId = id, ItemId = $"q{i}", Output = "x", Correct = i < correct, Hallucinated = false, TtftMs = 100 + i, TotalMs = 400, GapsMs = [10, 12],
            OutputTokens = 12, CompletedAt = at.AddSeconds(i),
        }).ToList();
        foreach (var r in results)
        {
            await store.WriteItemAsync(r, CancellationToken.None);
        }

        await store.FlushAsync(CancellationToken.None);
        await store.WriteSlicesAsync(id, SliceAggregator.Aggregate(run, results), CancellationToken.None);
        return run;
    }
}

public sealed class SqliteSloFoldStoreTests() : SloFoldStoreTests(new SqliteKind());

[Collection(PostgresCollection.Name)]
public sealed class PostgresSloFoldStoreTests(PostgresCluster cluster) : SloFoldStoreTests(new PostgresKind(cluster));
