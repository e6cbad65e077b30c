using System.Data.Common;
using Dapper;
using Npgsql;
using SloQuality.Core.Evaluation;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Storage.Postgres;

/// <summary>
/// The result store on PostgreSQL, for the service and its workers: the same SQL as SQLite's, through a
/// pooled data source. A batch of item results is one round trip (an <see cref="NpgsqlBatch"/> of the
/// first-write-wins insert) in one transaction; migrations of several processes starting at once are
/// serialised by an advisory lock.
/// </summary>
public sealed class PostgresResultStore(string connectionString) : SqlResultStore
{
    /// <summary>Any fixed number: the advisory lock that serialises migrations.</summary>
    private const long MigrationLock = 7_268_823_301;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override Task LockMigrationsAsync(DbTransaction transaction) =>
        transaction.Connection!.ExecuteAsync("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, transaction);

    protected override IItemBatchWriter CreateBatchWriter(DbConnection connection) => new BatchWriter((NpgsqlConnection)connection);

    protected override ValueTask OnDisposedAsync() => dataSource.DisposeAsync();

    private sealed class BatchWriter(NpgsqlConnection connection) : IItemBatchWriter
    {
        private static readonly string Insert = ItemColumns.Insert('$');

        public async Task WriteAsync(IReadOnlyList<ItemResult> batch)
        {
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using var command = new NpgsqlBatch(connection, transaction);
            foreach (var r in batch)
            {
                var insert = new NpgsqlBatchCommand(Insert);
                foreach (var value in Values(r))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                command.BatchCommands.Add(insert);
            }

            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
        }

        /// <summary>The row in <see cref="ItemColumns"/> order, as SQLite's insert binds it.</summary>
        private static object?[] Values(ItemResult r)
        {
            byte[]? gaps = null;
            if (r.GapsMs.Count > 0)
            {
                gaps = new byte[r.GapsMs.Count * 4];
                GapCodec.Encode(r.GapsMs, gaps);
            }

            return
            [
                r.RunId, r.ItemId, (long)r.RepeatIndex, r.Output, Flag(r.Correct), r.CorrectnessScore, Flag(r.Hallucinated), r.HallucinationScore,
                r.DriftSimilarity, r.TtftMs, r.TotalMs, gaps, (long?)r.PromptTokens, (long?)r.OutputTokens, r.FinishReason, r.ErrorKind,
                r.Error, r.Unavailable ? 1L : 0L, (long)r.Attempts, ItemInsertStatement.JsonList(r.Reasons), ItemInsertStatement.JsonList(r.UnsupportedClaims), Iso(r.CompletedAt),
            ];
        }

        private static long? Flag(bool? value) => value is { } v ? (v ? 1 : 0) : null;
    }
}
