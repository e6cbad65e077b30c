using SloQuality.Core.Slo;

namespace SloQuality.Storage.Tests.Stores;

public abstract class ImportedSlicesStoreTests(IStoreKind kind) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private SqlResultStore store = null!;

    public async Task InitializeAsync()
    {
        store = kind.Open();
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        kind.Dispose();
    }

    private static SliceAggregate Imported(DateTimeOffset start, long requests, double ttftMs) => new()
    {
        RunId = "prometheus:prod",
        ModelTarget = "prod",
        DatasetName = string.Empty,
        SliceStart = start,
        Source = SliceSources.Prometheus,
        Items = requests,
        Answered = requests,
        Ttft = Sketch(ttftMs, requests),
    };

    private static LatencySketch Sketch(double ms, long count)
    {
        var sketch = new LatencySketch();
        sketch.Add(ms, count);
        return sketch;
    }

    [Fact]
    public async Task ImportingTheSameFiveMinutesAgainReplacesThemInsteadOfCountingTwice()
    {
        await store.WriteImportedSlicesAsync([Imported(Start, 10, 100), Imported(Start.AddMinutes(5), 20, 200)], CancellationToken.None);
        await store.WriteImportedSlicesAsync([Imported(Start.AddMinutes(5), 25, 210)], CancellationToken.None);

        var slices = await store.ReadSlicesAsync(Start, Start.AddHours(1), CancellationToken.None);

        Assert.Equal([10L, 25L], slices.OrderBy(s => s.SliceStart).Select(s => s.Items));
        Assert.All(slices, s => Assert.Equal(SliceSources.Prometheus, s.Source));
        Assert.Equal(25, slices.Single(s => s.SliceStart == Start.AddMinutes(5)).Ttft.Count);
        Assert.Equal(Start, await store.FirstSliceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheAnnouncedAlertStateIsKeptPerKeyAndReplaced()
    {
        await store.SetNotificationStateAsync("alert|a|prod", "page", CancellationToken.None);
        await store.SetNotificationStateAsync("alert|a|prod", "ok", CancellationToken.None);
        await store.SetNotificationStateAsync("alert|b|prod", "ticket", CancellationToken.None);

        var states = await store.NotificationStatesAsync(CancellationToken.None);

        Assert.Equal("ok", states["alert|a|prod"]);
        Assert.Equal("ticket", states["alert|b|prod"]);
    }
}

public sealed class SqliteImportedSlicesStoreTests() : ImportedSlicesStoreTests(new SqliteKind());

[Collection(PostgresCollection.Name)]
public sealed class PostgresImportedSlicesStoreTests(PostgresCluster cluster) : ImportedSlicesStoreTests(new PostgresKind(cluster));
