using Microsoft.Data.Sqlite;
using SloQuality.Core.Evaluation;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Storage.Tests.Stores;

/// <summary>A store written before runs had origins: upgraded in place, its sign-offs' candidates stay out of SLOs.</summary>
public sealed class OriginMigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-origins-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RunsStoredBeforeOriginsCountAsScheduledExceptTheCandidatesASignoffNames()
    {
        var path = Path.Combine(folder, "results.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var (version, description, sql) in Schema.Migrations.Where(m => m.Version <= 8))
            {
                await ExecuteAsync(connection, sql);
                await ExecuteAsync(connection, $"INSERT INTO schema_migrations VALUES ({version}, '{description.Replace("'", "''")}', '2026-11-01T00:00:00Z')");
            }

            foreach (var run in new[] { "stable-run", "candidate-run" })
            {
                await ExecuteAsync(connection, $"INSERT INTO runs VALUES ('{run}', 'qa', 'h', 'sim', 1, 1, 'completed', '2026-11-01T10:00:00Z', NULL, NULL)");
                await ExecuteAsync(connection, $"INSERT INTO slo_slices VALUES ('{run}', '2026-11-01T10:00:00Z', 'sim', 'qa', '', x'00')");
            }

            await ExecuteAsync(connection, """
                INSERT INTO signoffs VALUES ('s1', '2026-11-01T11:00:00Z', 'sim', 'stable-run', 'rejected', NULL,
                  '{
                  "datasets": [
                    {
                      "baseline_run_id": "stable-run",
                      "candidate_run_id": "candidate-run"
                    }
                  ]
                }')
                """);
        }

        await using var store = new SqliteResultStore(path);
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(RunOrigins.Schedule, (await store.GetRunAsync("stable-run", CancellationToken.None))!.Origin);
        Assert.Equal(RunOrigins.Signoff, (await store.GetRunAsync("candidate-run", CancellationToken.None))!.Origin);
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync();
        await using var command = check.CreateCommand();
        command.CommandText = "SELECT run_id || ':' || origin FROM slo_slices ORDER BY run_id";
        var origins = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            origins.Add(reader.GetString(0));
        }

        Assert.Equal(["candidate-run:signoff", "stable-run:schedule"], origins);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
