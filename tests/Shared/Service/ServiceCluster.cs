using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SloQuality.Simulator;

namespace SloQuality.Tests.Shared;

/// <summary>
/// The distributed set-up of the service's acceptance tests and of the scale-out benchmark: a throwaway
/// PostgreSQL, the simulator over HTTP, one server process and worker processes sharing the database,
/// and a generated dataset named <c>big</c> served by target <c>remote</c>.
/// </summary>
internal sealed class ServiceCluster : IAsyncDisposable
{
    private const string Token = "cluster-token";
    private readonly List<ServerProcess> workers = [];

    private ServiceCluster(string folder, ThrowawayPostgres postgres, SimulatorHost simulator, Dictionary<string, string> environment)
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

    public static async Task<ServiceCluster> StartAsync(ServiceClusterOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("sloq-cluster-").FullName;
        var postgres = ThrowawayPostgres.Start();
        var datasets = Path.Combine(folder, "datasets");
        Directory.CreateDirectory(datasets);
        File.WriteAllLines(Path.Combine(datasets, "big.jsonl"), Enumerable.Range(0, options.Items).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"What is fact number {i}?\", \"reference\": \"Fact number {i} is true, and this answer is a few words long.\"}}"));
        var simulator = await SimulatorHost.StartAsync(options.Judged
            ? [options.Profile with { Model = "remote" }, new SimulatorProfile { Model = "remote-judge", Judge = true }]
            : [options.Profile with { Model = "remote" }]);
        simulator.Answers.AddFolders([datasets]);
        var config = Path.Combine(folder, "jobs");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "targets.yaml"), $$"""
            targets:
              - name: remote
                provider: simulator
                endpoint: {{simulator.BaseUri}}
                model: remote
                concurrency: {{options.TargetConcurrency}}
                timeout_seconds: {{options.TimeoutSeconds}}
                retry: { max_attempts: 3, base_delay_seconds: 0.2, max_delay_seconds: 5 }
              - name: remote-judge
                provider: simulator
                endpoint: {{simulator.BaseUri}}
            """);
        if (options.Judged)
        {
            File.WriteAllText(Path.Combine(config, "hallucination.yaml"), "detector: lexical\njudge: remote-judge\n");
        }

        File.Copy(Path.Combine(RepositoryRoot.Path, "jobs", "slos.yaml"), Path.Combine(config, "slos.yaml"));
        // Remote embeddings from the simulator: finalising a run loads no local model.
        File.WriteAllText(Path.Combine(config, "drift.yaml"), $$"""
            embedding: { provider: openai, endpoint: "{{simulator.BaseUri}}", model: sim-embedding }
            """);
        var environment = new Dictionary<string, string>
        {
            ["SLOQ_STORAGE"] = "postgres",
            ["SLOQ_POSTGRES"] = postgres.ConnectionString,
            ["SLOQ_CONFIG"] = config,
            ["SLOQ_DATASETS"] = datasets,
            ["SLOQ_OUT"] = Path.Combine(folder, "out"),
            ["SLOQ_CHUNK_SIZE"] = options.ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SLOQ_WORKERS"] = options.WorkersPerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SLOQ_INVISIBILITY_SECONDS"] = "30",
            ["SLOQ_DASHBOARD_TOKEN"] = Token,
        };
        var cluster = new ServiceCluster(folder, postgres, simulator, environment);
        cluster.Server = await ServerProcess.StartAsync(options.ServerTakesChunks ? environment : new Dictionary<string, string>(environment) { ["SLOQ_QUEUES"] = "default" });
        for (var i = 0; i < options.Workers; i++)
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
