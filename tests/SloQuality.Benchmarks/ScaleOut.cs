using System.Diagnostics;
using System.Globalization;
using SloQuality.Simulator;
using SloQuality.Tests.Shared;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>scale-out</c>: items/s of one worker process and of three, sharing one PostgreSQL, on a
/// latency-bound simulated endpoint (250 ms to first token; 8 requests in flight per process), in the
/// same run. The server takes no chunk jobs; measured from starting the run to its last chunk stored.
/// Target: ratio ≥ 2.7.
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
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions
        {
            Items = Items,
            Workers = workers,
            Profile = new SimulatorProfile { Model = "remote", Ttft = new LogNormal(250, 300), InterToken = new LogNormal(5, 8) },
            ChunkSize = 20,
            WorkersPerProcess = 2,
            ServerTakesChunks = false,
        });
        await Task.Delay(3000); // the workers' Hangfire servers announce themselves
        var watch = Stopwatch.StartNew();
        var runId = await cluster.StartRunAsync();
        while (true)
        {
            var chunks = (await cluster.RunAsync(runId)).GetProperty("chunks");
            if (chunks.ValueKind == System.Text.Json.JsonValueKind.Object && chunks.GetProperty("done").GetInt32() == chunks.GetProperty("total").GetInt32())
            {
                return Items / watch.Elapsed.TotalSeconds;
            }

            await Task.Delay(50);
        }
    }
}
