using SloQuality.Core.Datasets;
using static SloQuality.Benchmarks.Measure;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>ttft-fidelity</c>: how far the client's first-token time is from the simulator's first flush of
/// that response, on one machine-wide monotonic clock (<c>Stopwatch.GetTimestamp</c>), at concurrency
/// 1 and 64, for our client and for the plain loop. Targets: p99 ≤ 2 ms at 1, ≤ 5 ms at 64.
/// </summary>
internal static class TtftFidelity
{
    private const int Words = 8;

    public static async Task<string> RunAsync()
    {
        var dataset = BenchSimulator.Dataset(3000, Words);
        await using var simulator = await BenchSimulator.StartAsync(dataset.Items.Count, Words);
        var figures = new List<string>();
        foreach (var (concurrency, count) in new[] { (1, 200), (64, 3000) })
        {
            var items = dataset.Items.Take(count).ToList();
            using var plain = new PlainSseLoop(simulator.BaseUri, BenchSimulator.Realistic);
            using var ours = Pipeline.Client(simulator.BaseUri, BenchSimulator.Realistic, concurrency);
            await Parallel.ForEachAsync(items.Take(50), async (item, ct) => { await plain.SendAsync(item, ct); await ours.ReplayAsync(item, ct); });

            var plainFirsts = new List<(string Id, long At)>();
            await ForEachAsync(items, concurrency, async (item, ct) =>
            {
                var result = await plain.SendAsync(item, ct);
                lock (plainFirsts)
                {
                    plainFirsts.Add((result.Id, result.FirstContentAt));
                }
            });
            var ourFirsts = new List<(string Id, long At)>();
            await ForEachAsync(items, concurrency, async (item, ct) =>
            {
                var result = await ours.ReplayAsync(item, ct);
                lock (ourFirsts)
                {
                    ourFirsts.Add((result.ResponseId ?? string.Empty, result.FirstTokenTimestamp ?? 0));
                }
            });

            var flushes = await simulator.FirstFlushesAsync();
            var (plainP50, plainP99) = Errors(plainFirsts, flushes);
            var (ourP50, ourP99) = Errors(ourFirsts, flushes);
            Console.WriteLine($"concurrency {concurrency}, {count} requests: |client first token - server first flush|");
            Console.WriteLine($"    ours:       p50 {F(ourP50, "0.000")} ms, p99 {F(ourP99, "0.000")} ms");
            Console.WriteLine($"    plain loop: p50 {F(plainP50, "0.000")} ms, p99 {F(plainP99, "0.000")} ms");
            figures.Add($"c={concurrency} ours p50 {F(ourP50, "0.000")} p99 {F(ourP99, "0.000")} ms (plain p50 {F(plainP50, "0.000")} p99 {F(plainP99, "0.000")} ms)");
        }

        return "ttft-fidelity: " + string.Join("; ", figures) + "; targets p99 <= 2 ms at c=1, <= 5 ms at c=64";
    }

    private static (double P50, double P99) Errors(List<(string Id, long At)> firsts, Dictionary<string, long> flushes)
    {
        var errors = firsts
            .Where(f => f.At != 0 && flushes.ContainsKey(f.Id))
            .Select(f => Math.Abs(System.Diagnostics.Stopwatch.GetElapsedTime(flushes[f.Id], f.At).TotalMilliseconds))
            .Order()
            .ToArray();
        if (errors.Length < firsts.Count * 0.99)
        {
            throw new InvalidOperationException($"only {errors.Length} of {firsts.Count} responses could be matched with a server flush");
        }

        return (Percentile(errors, 0.5), Percentile(errors, 0.99));
    }

    private static Task ForEachAsync(IEnumerable<GoldenItem> items, int concurrency, Func<GoldenItem, CancellationToken, Task> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, ct) => await body(item, ct));
}
