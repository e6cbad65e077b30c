using SloQuality.Core.Datasets;
using static SloQuality.Benchmarks.Measure;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>replay-overhead</c>: (a) at realistic latency, items/s of the whole evaluate path over items/s
/// of a plain HttpClient SSE loop (target ≥ 0.95); (b) at zero latency, client CPU per item of the
/// whole path over Semantic Kernel streaming alone (target ≤ 1.25). All against one simulator process.
/// </summary>
internal static class ReplayOverhead
{
    private const int Words = 20;
    private const int RealisticItems = 3000;
    private const int ZeroItems = 6000;
    private const int Rounds = 3;

    public static async Task<string> RunAsync()
    {
        await using var simulator = await BenchSimulator.StartAsync(Math.Max(RealisticItems, ZeroItems), Words);
        await using var pipeline = await Pipeline.StartAsync();

        // (a) Realistic latency, concurrency 64: throughput.
        var realistic = BenchSimulator.Dataset(RealisticItems, Words);
        using var plainReal = new PlainSseLoop(simulator.BaseUri, BenchSimulator.Realistic);
        using var oursReal = Pipeline.Client(simulator.BaseUri, BenchSimulator.Realistic, 64);
        await WarmUpAsync(realistic, plainReal, null, oursReal, pipeline, 64);
        Measure plainA = default, oursA = default;
        for (var round = 0; round < Rounds; round++)
        {
            plainA = Best(plainA, await Measure.RunAsync(realistic.Items.Count, () => ForEachAsync(realistic, 64, plainReal.SendAsync)), fastest: true);
            oursA = Best(oursA, await Measure.RunAsync(realistic.Items.Count, () => pipeline.RunAsync(realistic, oursReal, 64)), fastest: true);
        }

        var throughputRatio = oursA.ItemsPerSecond / plainA.ItemsPerSecond;
        Console.WriteLine($"(a) first token 50 ms, {Words} chunks 5 ms apart, concurrency 64, {RealisticItems} items");
        Console.WriteLine($"    plain HttpClient SSE loop: {F(plainA.ItemsPerSecond, "0")} items/s");
        Console.WriteLine($"    whole evaluate path:       {F(oursA.ItemsPerSecond, "0")} items/s");
        Console.WriteLine($"    ratio: {F(throughputRatio, "0.000")} (target >= 0.95)");

        // (b) Zero latency, concurrency 32: client CPU per item.
        var zero = BenchSimulator.Dataset(ZeroItems, Words);
        using var plainZero = new PlainSseLoop(simulator.BaseUri, BenchSimulator.ZeroLatency);
        using var skZero = new SkStreamingLoop(simulator.BaseUri, BenchSimulator.ZeroLatency);
        using var oursZero = Pipeline.Client(simulator.BaseUri, BenchSimulator.ZeroLatency, 32);
        await WarmUpAsync(zero, plainZero, skZero, oursZero, pipeline, 32);
        Measure plainB = default, skB = default, oursB = default;
        for (var round = 0; round < Rounds; round++)
        {
            plainB = Best(plainB, await Measure.RunAsync(zero.Items.Count, () => ForEachAsync(zero, 32, plainZero.SendAsync)), fastest: false);
            skB = Best(skB, await Measure.RunAsync(zero.Items.Count, () => ForEachAsync(zero, 32, skZero.SendAsync)), fastest: false);
            oursB = Best(oursB, await Measure.RunAsync(zero.Items.Count, () => pipeline.RunAsync(zero, oursZero, 32)), fastest: false);
        }

        var cpuRatio = oursB.CpuMsPerItem / skB.CpuMsPerItem;
        Console.WriteLine($"(b) zero latency, concurrency 32, {ZeroItems} items; client CPU per item (best of {Rounds})");
        Console.WriteLine($"    plain HttpClient SSE loop: {F(plainB.CpuMsPerItem, "0.000")} ms/item, {F(plainB.ItemsPerSecond, "0")} items/s");
        Console.WriteLine($"    Semantic Kernel streaming: {F(skB.CpuMsPerItem, "0.000")} ms/item, {F(skB.ItemsPerSecond, "0")} items/s");
        Console.WriteLine($"    whole evaluate path:       {F(oursB.CpuMsPerItem, "0.000")} ms/item, {F(oursB.ItemsPerSecond, "0")} items/s");
        Console.WriteLine($"    ratio to SK: {F(cpuRatio, "0.000")} (target <= 1.25)");

        return $"replay-overhead: throughput ratio {F(throughputRatio, "0.000")} ({F(oursA.ItemsPerSecond, "0")} vs plain {F(plainA.ItemsPerSecond, "0")} items/s); " +
               $"cpu ratio {F(cpuRatio, "0.000")} ({F(oursB.CpuMsPerItem, "0.000")} vs SK {F(skB.CpuMsPerItem, "0.000")} ms/item; plain {F(plainB.CpuMsPerItem, "0.000")} ms/item, {F(plainB.ItemsPerSecond, "0")} items/s)";
    }

    private static async Task WarmUpAsync(GoldenDataset dataset, PlainSseLoop plain, SkStreamingLoop? sk, Inference.OpenAi.SemanticKernelModelClient ours, Pipeline pipeline, int concurrency)
    {
        var sample = dataset with { Items = dataset.Items.Take(500).ToList(), ContentHash = dataset.ContentHash + "-warm" };
        await ForEachAsync(sample, concurrency, plain.SendAsync);
        if (sk is not null)
        {
            await ForEachAsync(sample, concurrency, sk.SendAsync);
        }

        await pipeline.RunAsync(sample, ours, concurrency);
    }

    private static Task ForEachAsync<T>(GoldenDataset dataset, int concurrency, Func<GoldenItem, CancellationToken, Task<T>> send) =>
        Parallel.ForEachAsync(dataset.Items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, ct) => await send(item, ct));

    private static Measure Best(Measure current, Measure next, bool fastest) =>
        current.Items == 0 ? next
        : fastest ? (next.ItemsPerSecond > current.ItemsPerSecond ? next : current)
        : (next.CpuMsPerItem < current.CpuMsPerItem ? next : current);
}
