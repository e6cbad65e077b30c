using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SloQuality.Simulator;
using SloQuality.Tests.Shared;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>scale-out</c>: items/s of one worker process and of three, sharing one PostgreSQL, on a
/// latency-bound simulated endpoint (250 ms to first token; 8 requests in flight per process), in the
/// same run. Measured from starting the run to its last chunk stored. Target: ratio ≥ 2.7.
/// </summary>
internal static class ScaleOut
{
    private const int Items = 1800;

    public static async Task<string> RunAsync()
    {
        var one = await MeasureAsync(1);
        var three = await MeasureAsync(3);
        Console.WriteLine($"1 worker:  {one:0.0} items/s");
        Console.WriteLine($"3 workers: {three:0.0} items/s");
        Console.WriteLine($"ratio {three / one:0.00} (target >= 2.7)");
        return string.Create(CultureInfo.InvariantCulture, $"scale-out: 1 worker {one:0.0}/s, 3 workers {three:0.0}/s, ratio {three / one:0.00}");
    }

    private static async Task<double> MeasureAsync(int workers)
    {
        var folder = Directory.CreateTempSubdirectory("sloq-scale-").FullName;
        using var postgres = ThrowawayPostgres.Start();
        var datasets = Path.Combine(folder, "datasets");
        var config = Path.Combine(folder, "jobs");
        Directory.CreateDirectory(datasets);
        Directory.CreateDirectory(config);
        File.WriteAllLines(Path.Combine(datasets, "load.jsonl"), Enumerable.Range(0, Items).Select(i =>
            $"{{\"id\": \"q{i}\", \"input\": \"Question {i}?\", \"reference\": \"Answer {i} is twelve words long so the stream has a few chunks.\"}}"));
        await using var simulator = await SimulatorHost.StartAsync([new SimulatorProfile { Model = "remote", Ttft = new LogNormal(250, 300), InterToken = new LogNormal(5, 8) }]);
        simulator.Answers.AddFolders([datasets]);
        File.WriteAllText(Path.Combine(config, "targets.yaml"), $$"""
            targets:
              - name: remote
                provider: simulator
                endpoint: {{simulator.BaseUri}}
                model: remote
                concurrency: 8
            """);
        // Remote embeddings from the simulator: finalising a run then loads no local model.
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
            ["SLOQ_CHUNK_SIZE"] = "20",
            ["SLOQ_WORKERS"] = "2",
            ["SLOQ_DASHBOARD_TOKEN"] = "bench",
        };
        // The server takes no chunk jobs: only the worker processes are measured.
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>(environment) { ["SLOQ_QUEUES"] = "default" });
        var processes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < workers; i++)
            {
                processes.Add(await ServerProcess.StartAsync(environment, "worker"));
            }

            await Task.Delay(3000); // the workers' Hangfire servers announce themselves
            using var http = new HttpClient { BaseAddress = server.BaseUri };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
            var watch = Stopwatch.StartNew();
            var started = await http.PostAsJsonAsync("/api/runs", new { dataset = "load", target = "remote" });
            started.EnsureSuccessStatusCode();
            var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetString();
            while (true)
            {
                var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
                if (run.GetProperty("chunks").GetProperty("done").GetInt32() == run.GetProperty("chunks").GetProperty("total").GetInt32())
                {
                    return Items / watch.Elapsed.TotalSeconds;
                }

                await Task.Delay(50);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
