using Npgsql;
using SloQuality.Storage.Postgres;
using SloQuality.Storage.Sqlite;
using SloQuality.Tests.Shared;

namespace SloQuality.Storage.Tests;

/// <summary>
/// The PostgreSQL the store tests share: the cluster <c>.ci/run</c> started (its connection string in
/// <c>SLOQ_TEST_POSTGRES</c>), or else one started here on first use and stopped at the end. Each test
/// gets a database of its own. A missing PostgreSQL fails the tests, it never skips them.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly Lazy<ThrowawayPostgres> server = new(ThrowawayPostgres.Start);
    private readonly string? given = Environment.GetEnvironmentVariable("SLOQ_TEST_POSTGRES");

    private string ServerConnectionString => given ?? server.Value.ConnectionString;

    /// <summary>A new empty database; its connection string.</summary>
    public string NewDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (server.IsValueCreated)
        {
            server.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

/// <summary>Where a store test's data lives: a SQLite file or a PostgreSQL database; opening it again reaches the same data.</summary>
public interface IStoreKind : IDisposable
{
    SqlResultStore Open();
}

public sealed class SqliteKind : IStoreKind
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sloq-store-" + Guid.NewGuid().ToString("N")[..8]);

    public string DatabasePath => Path.Combine(folder, "results.db");

    public SqlResultStore Open() => new SqliteResultStore(DatabasePath);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class PostgresKind(PostgresCluster cluster) : IStoreKind
{
    public string ConnectionString { get; } = cluster.NewDatabase();

    public SqlResultStore Open() => new PostgresResultStore(ConnectionString);

    public void Dispose()
    {
    }
}
