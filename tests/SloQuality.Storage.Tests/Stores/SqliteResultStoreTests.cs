using Microsoft.Data.Sqlite;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Storage.Tests.Stores;

public abstract class ResultStoreTests(IStoreKind kind) : IAsyncLifetime
{
    private SqlResultStore store = null!;

    protected IStoreKind Kind => kind;

    public async Task InitializeAsync()
    {
        store = kind.Open();
        await store.InitializeAsync(CancellationToken.None);
        var dataset = new GoldenDataset("qa", "qa.jsonl", string.Empty, [], "hash-1");
        await store.RegisterDatasetAsync(dataset, CancellationToken.None);
        await store.CreateRunAsync(new RunRecord("run-1", "qa", "hash-1", "sim", 10, 1, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        kind.Dispose();
    }

    private static ItemResult Result(string item, string output = "x", int repeat = 0) => new()
    {
        RunId = "run-1",
        ItemId = item,
        RepeatIndex = repeat,
        Output = output,
        Correct = true,
        CorrectnessScore = 0.75,
        Hallucinated = false,
        HallucinationScore = 0.1,
        TtftMs = 12.5,
        TotalMs = 40,
        GapsMs = [1.5, 2.25],
        OutputTokens = 3,
        Reasons = ["because \"quoted\""],
        CompletedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task AnItemResultRoundTripsWithEveryField()
    {
        await store.WriteItemAsync(Result("a"), CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        var stored = Assert.Single(await store.GetItemResultsAsync("run-1", CancellationToken.None));

        Assert.Equal(Result("a") with { GapsMs = stored.GapsMs, Reasons = stored.Reasons, UnsupportedClaims = stored.UnsupportedClaims }, stored);
        Assert.Equal([1.5, 2.25], stored.GapsMs);
        Assert.Equal(["because \"quoted\""], stored.Reasons);
    }

    [Fact]
    public async Task ASecondResultForTheSameItemIsDroppedSoNothingCountsTwice()
    {
        await store.WriteItemAsync(Result("a", "first"), CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);
        await store.WriteItemAsync(Result("a", "retried"), CancellationToken.None);
        await store.WriteItemAsync(Result("a", "first", repeat: 1), CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        var stored = await store.GetItemResultsAsync("run-1", CancellationToken.None);

        Assert.Equal(2, stored.Count);
        Assert.Equal("first", stored.Single(r => r.RepeatIndex == 0).Output);
        Assert.Equal([("a", 0), ("a", 1)], (await store.GetCompletedItemsAsync("run-1", CancellationToken.None)).Order());
    }

    [Fact]
    public async Task ResultsWrittenFromManyTasksAllLand()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => await store.WriteItemAsync(Result("item-" + i), ct));
        await store.FlushAsync(CancellationToken.None);

        Assert.Equal(2000, (await store.GetItemResultsAsync("run-1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task MigrationsAreAppliedOnceAcrossRestarts()
    {
        await using (var again = kind.Open())
        {
            await again.InitializeAsync(CancellationToken.None);
        }

        Assert.Equal(Schema.Migrations.Count, await CountMigrationsAsync());
    }

    /// <summary>Rows in schema_migrations, read with the database's own driver.</summary>
    protected abstract Task<long> CountMigrationsAsync();

    [Fact]
    public async Task ARunIsCreatedOnceAndCompletedWithItsSummary()
    {
        await store.CreateRunAsync(new RunRecord("run-1", "qa", "hash-2", "other", 99, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        await store.CompleteRunAsync("run-1", DateTimeOffset.UtcNow, "{}", CancellationToken.None);

        var run = await store.GetRunAsync("run-1", CancellationToken.None);

        Assert.Equal("hash-1", run!.DatasetHash);
        Assert.Equal(10, run.PlannedItems);
        Assert.Equal(RunRecord.Completed, run.Status);
        Assert.NotNull(run.FinishedAt);
    }
}

public sealed class SqliteResultStoreTests() : ResultStoreTests(new SqliteKind())
{
    protected override async Task<long> CountMigrationsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteKind)Kind).DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresResultStoreTests(PostgresCluster cluster) : ResultStoreTests(new PostgresKind(cluster))
{
    protected override async Task<long> CountMigrationsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(((PostgresKind)Kind).ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
