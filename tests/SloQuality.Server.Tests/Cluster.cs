using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SloQuality.Simulator;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The distributed set-up of the acceptance tests: a throwaway PostgreSQL, the simulator at 50 ms TTFT
/// over HTTP, one server process and worker processes sharing the database, and a 2,000-item dataset.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const int Items = 2000;
    private const string Token = "cluster-token";
    private readonly List<ServerProcess> workers = [];

    private Cluster(string folder, ThrowawayPostgres postgres, SimulatorHost simulator, Dictionary<string, string> environment)
    {
        Folder = folder;
        Postgres = postgres;
        Simulator = simulator;
        Environment = environment;
    }

    public string Folder { get; }

    public ThrowawayPostgres Postgres { get; }

    public SimulatorHost Simulator { get; }

    public Dictionary<string, string> Environment { get; }

    public ServerProcess Server { get; private set; } = null!;

    public IReadOnlyList<ServerProcess> Workers => workers;

    public static async Task<Cluster> StartAsync(int workerCount, SimulatorProfile.ErrorRates? errors = null, int timeoutSeconds = 30)
    {
        var folder = Directory.CreateTempSubdirectory("sloq-cluster-").FullName;
        var postgres = ThrowawayPostgres.Start();
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.WriteAllLines(Path.Combine(datasets, "big.jsonl"), Enumerable.Range(0, Items).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is fact number {i}?\", \"reference\": \"Fact number {i} is true.\"}}"));
        var simulator = await SimulatorHost.StartAsync([new SimulatorProfile { Model = "remote", Ttft = new LogNormal(50, 90), InterToken = new LogNormal(2, 6), Errors = errors ?? new SimulatorProfile.ErrorRates() }]);
        simulator.Answers.AddFolders([datasets]);
        var config = Path.Combine(folder, "jobs");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "targets.yaml"), $$"""
            targets:
              - name: remote
                provider: simulator
                endpoint: {{simulator.BaseUri}}
                model: remote
                concurrency: 8
                timeout_seconds: {{timeoutSeconds}}
                retry: { max_attempts: 3, base_delay_seconds: 0.2, max_delay_seconds: 5 }
            """);
        File.Copy(Path.Combine(RepositoryRoot.Path, "jobs", "slos.yaml"), Path.Combine(config, "slos.yaml"));
        var environment = new Dictionary<string, string>
        {
            ["SLOQ_STORAGE"] = "postgres",
            ["SLOQ_POSTGRES"] = postgres.ConnectionString,
            ["SLOQ_CONFIG"] = config,
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CHUNK_SIZE"] = "50",
            ["SLOQ_WORKERS"] = "4",
            ["SLOQ_INVISIBILITY_SECONDS"] = "30",
            ["SLOQ_DASHBOARD_TOKEN"] = Token,
        };
        var cluster = new Cluster(folder, postgres, simulator, environment);
        cluster.Server = await ServerProcess.StartAsync(environment);
        for (var i = 0; i < workerCount; i++)
        {
            cluster.workers.Add(await ServerProcess.StartAsync(environment, "worker"));
        }

        return cluster;
    }

    public HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = Server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    public async Task<string> StartRunAsync()
    {
        using var http = Api();
        var response = await http.PostAsJsonAsync("/api/runs", new { dataset = "big", target = "remote" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetString()!;
    }

    /// <summary>
    /// The run through the API. A read can fail while the database restarts (its pooled connections
    /// die with it): such a read is tried again for a while, as a user would reload the page.
    /// </summary>
    public async Task<JsonElement> RunAsync(string runId)
    {
        using var http = Api();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task<JsonElement> WaitForCompletionAsync(string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await RunAsync(runId);
            if (run.GetProperty("run").GetProperty("status").GetString() == "completed" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The process ids of the Hangfire servers that processed the run's chunk jobs, from Hangfire's own tables.</summary>
    public async Task<IReadOnlySet<int>> ChunkProcessorsAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT s.data->>'ServerId' FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE s.name = 'Processing' AND j.invocationdata->>'Type' LIKE '%ChunkJob%'
            """, connection);
        var ids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Server names are "ROLE-MACHINE-PID:GUID".
            var name = reader.GetString(0).Split(':')[0];
            ids.Add(int.Parse(name[(name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }

        await Server.DisposeAsync();
        await Simulator.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Postgres.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
