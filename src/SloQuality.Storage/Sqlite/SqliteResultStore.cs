using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SloQuality.Core.Evaluation;

namespace SloQuality.Storage.Sqlite;

/// <summary>
/// The embedded result store: one SQLite file in WAL mode. Item results are inserted through a
/// statement prepared once and bound by position (<see cref="ItemInsertStatement"/>).
/// </summary>
public sealed class SqliteResultStore : SqlResultStore
{
    private readonly string connectionString;

    public SqliteResultStore(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync("PRAGMA journal_mode=WAL;");

    protected override IItemBatchWriter CreateBatchWriter(DbConnection connection) => new BatchWriter((SqliteConnection)connection);

    protected override ValueTask OnDisposedAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// One transaction per batch. Synchronous on purpose: this runs on the writer's own task, and
    /// Microsoft.Data.Sqlite's async methods are synchronous underneath.
    /// </summary>
    private sealed class BatchWriter(SqliteConnection connection) : IItemBatchWriter
    {
        private readonly ItemInsertStatement insert = new(connection);

        public Task WriteAsync(IReadOnlyList<ItemResult> batch)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var result in batch)
            {
                insert.Insert(result);
            }

            transaction.Commit();
            return Task.CompletedTask;
        }

        public void Dispose() => insert.Dispose();
    }
}
