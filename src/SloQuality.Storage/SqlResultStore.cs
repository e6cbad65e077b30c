using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;

namespace SloQuality.Storage;

/// <summary>
/// The result store over SQL, shared by SQLite (embedded) and PostgreSQL (service): every query is in
/// the common subset and goes through Dapper. Item results go through one writer per process fed by a
/// channel, a transaction per batch: many workers producing results never contend for a write lock or
/// a connection per result, which would otherwise collapse throughput and inflate measured latency.
/// The dialects supply connections, the batch insert and the migration lock.
/// </summary>
public abstract partial class SqlResultStore : IResultStore, IEmbeddingStore, IBaselineStore, ISloSliceStore
{
    private const int MaxBatch = 512;

    /// <summary>
    /// How long the writer lets results gather before a commit. Results trickle in one by one; a
    /// transaction (and a thread wake-up) per result would cost more than scoring it.
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the writer keeps retrying a batch the database refused before failing its flushes.</summary>
    private static readonly TimeSpan WriteRetryLimit = TimeSpan.FromMinutes(1);
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private Task? writer;
    private int pendingFlushes;

    private bool FlushRequested => Volatile.Read(ref pendingFlushes) > 0;

    protected abstract SqlDialect Dialect { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        await Migrator.MigrateAsync(connection, Dialect, LockMigrationsAsync, cancellationToken).ConfigureAwait(false);
        writer ??= Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    /// <summary>Opens a connection ready for use (pooled where the driver pools).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Makes the writer's batch insert for a connection it keeps for its lifetime.</summary>
    protected abstract IItemBatchWriter CreateBatchWriter(DbConnection connection);

    /// <summary>Once per store, before migrating (SQLite: WAL mode).</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises migrators of several processes (PostgreSQL: an advisory lock).</summary>
    protected virtual Task LockMigrationsAsync(DbTransaction transaction) => Task.CompletedTask;

    /// <summary>After the writer has stopped (SQLite: release the pooled file handles).</summary>
    protected virtual ValueTask OnDisposedAsync() => ValueTask.CompletedTask;

    public async Task RegisterDatasetAsync(GoldenDataset dataset, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO datasets (name, content_hash, path, item_count, first_seen_at) VALUES (@Name, @Hash, @Path, @Count, @Now) ON CONFLICT DO NOTHING",
            new { dataset.Name, Hash = dataset.ContentHash, dataset.Path, dataset.Items.Count, Now = Iso(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
    }

    public async Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO runs (run_id, dataset_name, dataset_hash, model_target, planned_items, repeat_count, status, started_at, origin)
            VALUES (@RunId, @DatasetName, @DatasetHash, @ModelTarget, @PlannedItems, @Repeat, @Status, @StartedAt, @Origin)
            ON CONFLICT DO NOTHING
            """,
            new { run.RunId, run.DatasetName, run.DatasetHash, run.ModelTarget, run.PlannedItems, run.Repeat, run.Status, StartedAt = Iso(run.StartedAt), run.Origin }).ConfigureAwait(false);
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
            """
            SELECT run_id AS RunId, dataset_name AS DatasetName, dataset_hash AS DatasetHash, model_target AS ModelTarget,
                   planned_items AS PlannedItems, repeat_count AS RepeatCount, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt, origin AS Origin
            FROM runs WHERE run_id = @runId
            """,
            new { runId }).ConfigureAwait(false);
        return row is null ? null : new RunRecord(
            row.RunId, row.DatasetName, row.DatasetHash, row.ModelTarget, (int)row.PlannedItems, (int)row.RepeatCount,
            Parse(row.StartedAt), row.FinishedAt is null ? null : Parse(row.FinishedAt), row.Status, row.Origin);
    }

    public ValueTask WriteItemAsync(ItemResult result, CancellationToken cancellationToken) =>
        queue.Writer.WriteAsync(result, cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref pendingFlushes);
        await queue.Writer.WriteAsync(flushed, cancellationToken).ConfigureAwait(false);
        // If the writer itself died, say so instead of waiting for a flush that will never come.
        var done = await Task.WhenAny(flushed.Task, writer ?? Task.Delay(Timeout.Infinite, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (done != flushed.Task)
        {
            await done.ConfigureAwait(false);
            throw new InvalidOperationException("the result writer stopped before the flush completed");
        }

        await flushed.Task.ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<(string ItemId, int Repeat)>> GetCompletedItemsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, long)>("SELECT item_id, repeat_index FROM item_results WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
        return rows.Select(r => (r.Item1, (int)r.Item2)).ToHashSet();
    }

    public async Task<IReadOnlyList<ItemResult>> GetItemResultsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ItemResult>();
        await using var reader = await connection.ExecuteReaderAsync(
            $"SELECT {ItemColumns.Select} FROM item_results WHERE run_id = @runId ORDER BY item_id, repeat_index", new { runId }).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(ItemColumns.Read(reader));
        }

        return results;
    }

    public async Task SetDriftSimilaritiesAsync(string runId, IReadOnlyList<(string ItemId, int Repeat, double? Similarity)> similarities, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync(
            "UPDATE item_results SET drift_similarity = @Similarity WHERE run_id = @RunId AND item_id = @ItemId AND repeat_index = @Repeat",
            similarities.Select(s => new { RunId = runId, s.ItemId, s.Repeat, s.Similarity }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredRun?> GetStoredRunAsync(string runId, CancellationToken cancellationToken) =>
        (await QueryRunsAsync("run_id = @RunId", new { RunId = runId }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<StoredRun>> GetRunsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await QueryRunsAsync("started_at >= @From AND started_at < @To", new { From = Iso(from), To = Iso(to) }, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<StoredRun>> QueryRunsAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string RunId, string DatasetName, string DatasetHash, string ModelTarget, long Planned, long Repeat, string Status, string StartedAt, string? FinishedAt, string? Summary, string Origin)>(
            $"""
            SELECT run_id, dataset_name, dataset_hash, model_target, planned_items, repeat_count, status, started_at, finished_at, summary_json, origin
            FROM runs WHERE {where} ORDER BY started_at
            """,
            parameters).ConfigureAwait(false);
        return rows.Select(r => new StoredRun(
            new RunRecord(r.RunId, r.DatasetName, r.DatasetHash, r.ModelTarget, (int)r.Planned, (int)r.Repeat, Parse(r.StartedAt), r.FinishedAt is null ? null : Parse(r.FinishedAt), r.Status, r.Origin),
            r.Summary)).ToList();
    }

    public async Task CompleteRunAsync(string runId, DateTimeOffset finishedAt, string summaryJson, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE runs SET status = @Status, finished_at = @FinishedAt, summary_json = @SummaryJson WHERE run_id = @RunId",
            new { Status = RunRecord.Completed, FinishedAt = Iso(finishedAt), SummaryJson = summaryJson, RunId = runId }).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await writer.ConfigureAwait(false);
        }

        await OnDisposedAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async Task WriteLoopAsync()
    {
        DbConnection? connection = null;
        IItemBatchWriter? insert = null;
        var batch = new List<ItemResult>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!FlushRequested)
            {
                await Task.Delay(Linger).ConfigureAwait(false);
            }

            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var entry))
            {
                if (entry is ItemResult result)
                {
                    batch.Add(result);
                }
                else
                {
                    flushes.Add((TaskCompletionSource)entry);
                    Interlocked.Decrement(ref pendingFlushes);
                }
            }

            // A failed batch is tried again on a new connection (a database restart drops every
            // connection) for up to a minute; only then are its flushes failed, never reported durable.
            var waited = TimeSpan.Zero;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (batch.Count > 0)
                    {
                        connection ??= await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                        insert ??= CreateBatchWriter(connection);
                        await insert.WriteAsync(batch).ConfigureAwait(false);
                    }

                    flushes.ForEach(f => f.TrySetResult());
                    break;
                }
                catch (Exception e) when (e is DbException or InvalidOperationException or IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    insert?.Dispose();
                    insert = null;
                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }

                    var pause = TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, attempt)));
                    if (waited + pause > WriteRetryLimit)
                    {
                        flushes.ForEach(f => f.TrySetException(e));
                        break;
                    }

                    await Task.Delay(pause).ConfigureAwait(false);
                    waited += pause;
                }
            }

            batch.Clear();
            flushes.Clear();
        }

        insert?.Dispose();
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record RunRow(string RunId, string DatasetName, string DatasetHash, string ModelTarget, long PlannedItems, long RepeatCount, string Status, string StartedAt, string? FinishedAt, string Origin);
}
