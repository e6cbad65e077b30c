using SloQuality.Core.Datasets;

namespace SloQuality.Core.Evaluation;

/// <summary>
/// Where runs and item results live. The core only sees this port; SQLite and PostgreSQL implement it.
/// </summary>
public interface IResultStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Records a dataset version (name and content hash); recording it again is a no-op.</summary>
    Task RegisterDatasetAsync(GoldenDataset dataset, CancellationToken cancellationToken);

    /// <summary>Creates the run, or leaves an existing run of that id as it is (a retried start).</summary>
    Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a result for writing. The first result for a (run, item, repeat) wins; later ones are
    /// dropped, so a retried chunk never counts an item twice.
    /// </summary>
    ValueTask WriteItemAsync(ItemResult result, CancellationToken cancellationToken);

    /// <summary>Waits until every queued result is durable.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>The (item, repeat) pairs already stored for the run, so a resumed run skips them.</summary>
    Task<IReadOnlySet<(string ItemId, int Repeat)>> GetCompletedItemsAsync(string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ItemResult>> GetItemResultsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Sets each listed item result's drift similarity (null where there is no baseline output).</summary>
    Task SetDriftSimilaritiesAsync(string runId, IReadOnlyList<(string ItemId, int Repeat, double? Similarity)> similarities, CancellationToken cancellationToken);

    /// <summary>Runs (running or completed) that started in [from, to), oldest first, with their summaries (JSON, once completed).</summary>
    /// <summary>One run with its summary (null until it completed), or null when there is no such run.</summary>
    Task<StoredRun?> GetStoredRunAsync(string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRun>> GetRunsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Marks the run completed and stores its summary (as JSON).</summary>
    Task CompleteRunAsync(string runId, DateTimeOffset finishedAt, string summaryJson, CancellationToken cancellationToken);
}
