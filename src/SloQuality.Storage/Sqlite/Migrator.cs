using Dapper;
using Microsoft.Data.Sqlite;

namespace SloQuality.Storage.Sqlite;

/// <summary>Applies the <see cref="Schema"/> migrations not yet recorded, each in its own transaction.</summary>
internal static class Migrator
{
    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)").ConfigureAwait(false);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations").ConfigureAwait(false)).ToHashSet();
        foreach (var (version, description, sql) in Schema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @now) ON CONFLICT DO NOTHING",
                new { version, description, now = SqliteResultStore.Iso(DateTimeOffset.UtcNow) },
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
