using SloQuality.Core.Retention;

namespace SloQuality.Server;

/// <summary>
/// The service's settings, from environment variables prefixed <c>SLOQ_</c> (or the command line):
/// storage (<c>sqlite</c>, the embedded default with Hangfire.InMemory, or <c>postgres</c>), paths,
/// chunking, workers, and dashboard credentials. Secrets only ever come from the environment.
/// </summary>
public sealed record ServerSettings
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>server</c> (web UI, API and a Hangfire server) or <c>worker</c> (a Hangfire server only).</summary>
    public string Role { get; init; } = "server";

    public string Storage { get; init; } = Sqlite;

    /// <summary>The PostgreSQL connection string for <c>postgres</c> storage (results and Hangfire share it).</summary>
    public string? PostgresConnection { get; init; }

    public string SqlitePath { get; init; } = Path.Combine(".sloq", "results.db");

    public string ConfigFolder { get; init; } = "jobs";

    public string DatasetsFolder { get; init; } = "golden-datasets";

    public string OutputFolder { get; init; } = "out";

    public int ChunkSize { get; init; } = 50;

    /// <summary>Hangfire queues this process takes jobs from. Default: evaluate and default.</summary>
    public IReadOnlyList<string> Queues { get; init; } = ["evaluate", "default"];

    /// <summary>Hangfire workers in this process. Default 8: chunk jobs mostly wait on the model.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>
    /// Hangfire.PostgreSql's invisibility timeout (sliding: extended while the job runs). A killed
    /// worker's chunk goes to another worker after this. Default 300 s.
    /// </summary>
    public int InvisibilitySeconds { get; init; } = 300;

    /// <summary>Start one run of every scheduled evaluation at start-up when the store has none yet.</summary>
    public bool FirstRun { get; init; } = true;

    public string? DashboardUser { get; init; }

    public string? DashboardPassword { get; init; }

    public string? DashboardToken { get; init; }

    public string? ReadOnlyUser { get; init; }

    public string? ReadOnlyPassword { get; init; }

    /// <summary>
    /// Relative paths are taken from the checkout the service runs in: the nearest folder, from the
    /// current one up, that holds the configuration folder (<c>dotnet run</c> starts in the project's folder).
    /// </summary>
    /// <summary>SLOQ_METRICS_ANONYMOUS=true serves <c>/metrics</c> without credentials (figures only; for a scrape inside a private network).</summary>
    public bool MetricsAnonymous { get; init; }

    /// <summary>SLOQ_METRICS_URLS: where a worker serves its <c>/metrics</c> (for example http://0.0.0.0:9464); none by default.</summary>
    public string? MetricsUrls { get; init; }

    /// <summary>SLOQ_METRICS_REFRESH_SECONDS: how often the server refreshes the SLO gauges of <c>/metrics</c> (default 30).</summary>
    public int MetricsRefreshSeconds { get; init; } = 30;

    /// <summary>SLOQ_SIMULATOR_URL: a standalone simulator (ending in /v1) for the simulator targets without an endpoint, instead of one in-process.</summary>
    public Uri? SimulatorUrl { get; init; }

    /// <summary>SLOQ_RETENTION_DAYS: item-level history older than this many days is pruned daily; unset keeps it all.</summary>
    public RetentionOptions? Retention { get; init; }

    public static ServerSettings From(IConfiguration c)
    {
        var config = c["CONFIG"] ?? "jobs";
        var root = Root(config);
        string At(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));
        return new ServerSettings
        {
            Role = c["ROLE"] ?? "server",
            Storage = c["STORAGE"] ?? Sqlite,
            PostgresConnection = c["POSTGRES"],
            SqlitePath = At(c["STORE"] ?? Path.Combine(".sloq", "results.db")),
            ConfigFolder = At(config),
            DatasetsFolder = At(c["DATASETS"] ?? "golden-datasets"),
            OutputFolder = At(c["OUT"] ?? "out"),
            ChunkSize = int.TryParse(c["CHUNK_SIZE"], out var size) ? size : 50,
            Workers = int.TryParse(c["WORKERS"], out var workers) ? workers : 8,
            Queues = c["QUEUES"] is { Length: > 0 } queues ? queues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : ["evaluate", "default"],
            InvisibilitySeconds = int.TryParse(c["INVISIBILITY_SECONDS"], out var invisible) ? invisible : 300,
            FirstRun = !string.Equals(c["FIRST_RUN"], "false", StringComparison.OrdinalIgnoreCase),
            DashboardUser = c["DASHBOARD_USER"],
            DashboardPassword = c["DASHBOARD_PASSWORD"],
            DashboardToken = c["DASHBOARD_TOKEN"],
            ReadOnlyUser = c["DASHBOARD_READONLY_USER"],
            ReadOnlyPassword = c["DASHBOARD_READONLY_PASSWORD"],
            MetricsAnonymous = string.Equals(c["METRICS_ANONYMOUS"], "true", StringComparison.OrdinalIgnoreCase),
            MetricsUrls = c["METRICS_URLS"],
            SimulatorUrl = c["SIMULATOR_URL"] is { Length: > 0 } simulator ? new Uri(simulator) : null,
            MetricsRefreshSeconds = int.TryParse(c["METRICS_REFRESH_SECONDS"], out var refresh) && refresh > 0 ? refresh : 30,
            Retention = c["RETENTION_DAYS"] is { Length: > 0 } days ? ParseRetention(days) : null,
        };
    }

    private static RetentionOptions ParseRetention(string days)
    {
        var (retention, problem) = RetentionOptions.Parse(days, RetentionOptions.Variable);
        return retention ?? throw new SettingsException(problem!);
    }

    private static string Root(string configFolder)
    {
        if (Path.IsPathRooted(configFolder))
        {
            return Directory.GetCurrentDirectory();
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, configFolder)))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
