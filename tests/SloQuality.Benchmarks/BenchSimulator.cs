using System.Diagnostics;
using System.Net.Http.Json;
using SloQuality.Core.Datasets;
using SloQuality.Simulator;

namespace SloQuality.Benchmarks;

/// <summary>
/// The simulator in its own process (this program with <c>serve</c>), so the client's CPU time is
/// measured alone. It serves two models: <c>bench-real</c> (first token after 50 ms, then a chunk
/// every 5 ms) and <c>bench-zero</c> (no delays), answering a generated dataset both sides build alike.
/// </summary>
internal sealed class BenchSimulator : IAsyncDisposable
{
    public const string Realistic = "bench-real";
    public const string ZeroLatency = "bench-zero";

    private readonly Process process;

    private BenchSimulator(Process process, Uri baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static IReadOnlyList<SimulatorProfile> Profiles(int wordsPerAnswer) =>
    [
        new SimulatorProfile { Model = Realistic, Ttft = new LogNormal(50, 50), InterToken = new LogNormal(5, 5) },
        new SimulatorProfile { Model = ZeroLatency, Ttft = new LogNormal(0, 0), InterToken = new LogNormal(0, 0) },
    ];

    /// <summary>Items whose reference answers are exactly <paramref name="words"/> words, so each answer is that many chunks.</summary>
    public static GoldenDataset Dataset(int count, int words)
    {
        var vocabulary = new[] { "refunds", "reach", "your", "card", "within", "five", "business", "days", "after", "we", "receive", "the", "return", "parcel", "at", "our", "warehouse", "in", "Leeds", "today" };
        var items = Enumerable.Range(0, count).Select(i => new GoldenItem
        {
            Id = $"bench-{i}",
            Input = [new ChatMessage("user", $"Benchmark question number {i}: when does my refund arrive?")],
            Reference = [string.Join(' ', Enumerable.Range(0, words).Select(w => vocabulary[(i + w) % vocabulary.Length])) + "."],
        }).ToList();
        return new GoldenDataset("bench", "bench.jsonl", string.Empty, items, $"bench-{count}-{words}");
    }

    /// <summary>Runs the simulator in this process until stdin closes (the child side).</summary>
    public static async Task ServeAsync(int items, int words)
    {
        await using var host = await SimulatorHost.StartAsync(Profiles(words));
        host.Answers.Add(Dataset(items, words));
        Console.WriteLine(host.BaseUri);
        await Console.In.ReadToEndAsync();
    }

    public static async Task<BenchSimulator> StartAsync(int items, int words)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["serve", items.ToString(), words.ToString()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under a profiler the parent's diagnostic port would make the child wait for a tool that never comes.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("the simulator process ended before it listened");
        return new BenchSimulator(process, new Uri(line));
    }

    /// <summary>The server-side first flush of every response, by response id.</summary>
    public async Task<Dictionary<string, long>> FirstFlushesAsync()
    {
        using var http = new HttpClient();
        var root = new Uri(BaseUri, "/sim/flushes");
        return (await http.GetFromJsonAsync<Dictionary<string, long>>(root))!;
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(5000))
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
