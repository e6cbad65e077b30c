using System.Data.Common;
using Dapper;

namespace SloQuality.Storage;

/// <summary>Applies the <see cref="Schema"/> migrations not yet recorded, each in its own transaction.</summary>
internal static class Migrator
{
    /// <param name="lockAsync">Serialises concurrent migrators (several workers starting at once), inside each transaction.</param>
    public static async Task MigrateAsync(DbConnection connection, SqlDialect dialect, Func<DbTransaction, Task> lockAsync, CancellationToken cancellationToken)
    {
        await using (var create = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Under the lock too: two processes creating the table at once collide even with IF NOT EXISTS.
            await lockAsync(create).ConfigureAwait(false);
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: create).ConfigureAwait(false);
            await create.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (version, description, sql) in Schema.Migrations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await lockAsync(transaction).ConfigureAwait(false);
            var applied = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction).ConfigureAwait(false);
            if (applied == 0)
            {
                await connection.ExecuteAsync(Schema.For(sql, dialect), transaction: transaction).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @now) ON CONFLICT DO NOTHING",
                    new { version, description, now = SqlResultStore.Iso(DateTimeOffset.UtcNow) },
                    transaction).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
