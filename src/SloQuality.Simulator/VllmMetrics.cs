using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SloQuality.Simulator;

/// <summary>
/// The simulator's <c>/metrics</c>, under vLLM's own names and labels (<c>model_name</c>,
/// <c>finished_reason</c>), so whatever reads a vLLM server's metrics reads the simulator's:
/// time to first token, inter-token latency (every gap; the pre-0.11 name for legacy models), end-to-end latency, finished requests and
/// token counters. It also keeps the exact TTFT of every request it served (the ground truth the
/// Prometheus import is checked against), served at <c>/sim/latencies</c>.
/// </summary>
public sealed class VllmMetrics
{
    /// <summary>Most exact TTFTs kept per model (the ground truth is for tests and benchmarks).</summary>
    private const int MaximumKept = 1_000_000;

    private readonly IReadOnlyList<double> bounds;
    private readonly ConcurrentDictionary<string, ModelMetrics> models = new(StringComparer.Ordinal);
    private readonly HashSet<string> legacy;

    /// <summary>vLLM 0.11 renamed the inter-token histogram; the old name was then removed.</summary>
    public const string InterTokenName = "vllm:inter_token_latency_seconds";

    public const string LegacyInterTokenName = "vllm:time_per_output_token_seconds";

    /// <param name="bounds">Bucket bounds in seconds; by default 5% apart from 1 ms to about 60 s,
    /// finer than vLLM's own so that imported percentiles are close to the truth.</param>
    /// <param name="legacyNames">Models that name the inter-token histogram as vLLM before 0.11.</param>
    public VllmMetrics(IEnumerable<string> modelNames, IReadOnlyList<double>? bounds = null, IEnumerable<string>? legacyNames = null)
    {
        this.bounds = bounds ?? DefaultBounds();
        legacy = new HashSet<string>(legacyNames ?? [], StringComparer.Ordinal);
        foreach (var model in modelNames)
        {
            models[model] = new ModelMetrics(this.bounds);
        }
    }

    public static IReadOnlyList<double> DefaultBounds()
    {
        var list = new List<double>();
        for (var b = 0.001; b < 61; b *= 1.05)
        {
            list.Add(Math.Round(b, 6));
        }

        return list;
    }

    /// <summary>The exact TTFT (seconds) of every streamed or whole answer served for the model, in order.</summary>
    public IReadOnlyList<double> TtftSeconds(string model) => models.TryGetValue(model, out var m) ? m.Ttfts.ToArray() : [];

    internal void FirstToken(string model, double seconds)
    {
        var m = For(model);
        m.Ttft.Observe(seconds);
        if (m.Ttfts.Count < MaximumKept)
        {
            m.Ttfts.Enqueue(seconds);
        }
    }

    internal void Gap(string model, double seconds) => For(model).Gaps.Observe(seconds);

    internal void Finished(string model, string finishedReason, double seconds, int promptTokens, int generationTokens)
    {
        var m = For(model);
        m.Total.Observe(seconds);
        m.Finished.AddOrUpdate(finishedReason, 1, (_, n) => n + 1);
        Interlocked.Add(ref m.PromptTokens, promptTokens);
        Interlocked.Add(ref m.GenerationTokens, generationTokens);
    }

    /// <summary>Requests that ended without an answer (errors, resets, cut streams): vLLM's "abort".</summary>
    internal void Aborted(string model) => For(model).Finished.AddOrUpdate("abort", 1, (_, n) => n + 1);

    public string Render()
    {
        var text = new StringBuilder();
        var ordered = models.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        Section(text, "vllm:time_to_first_token_seconds", "histogram", "Histogram of time to first token in seconds.", ordered, (m, l) => m.Ttft.Write(text, "vllm:time_to_first_token_seconds", l));
        var (old, current) = (ordered.Where(m => legacy.Contains(m.Key)).ToList(), ordered.Where(m => !legacy.Contains(m.Key)).ToList());
        Section(text, InterTokenName, "histogram", "Histogram of inter-token latency in seconds.", current, (m, l) => m.Gaps.Write(text, InterTokenName, l));
        if (old.Count > 0)
        {
            Section(text, LegacyInterTokenName, "histogram", "Histogram of time per output token in seconds.", old, (m, l) => m.Gaps.Write(text, LegacyInterTokenName, l));
        }

        Section(text, "vllm:e2e_request_latency_seconds", "histogram", "Histogram of end to end request latency in seconds.", ordered, (m, l) => m.Total.Write(text, "vllm:e2e_request_latency_seconds", l));
        Section(text, "vllm:request_success_total", "counter", "Count of finished requests by finish reason.", ordered, (m, l) =>
        {
            foreach (var (reason, n) in m.Finished.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"vllm:request_success_total{{{l},finished_reason=\"{reason}\"}} {n}\n");
            }
        });
        Section(text, "vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", ordered, (m, l) => text.Append(CultureInfo.InvariantCulture, $"vllm:prompt_tokens_total{{{l}}} {Interlocked.Read(ref m.PromptTokens)}\n"));
        Section(text, "vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", ordered, (m, l) => text.Append(CultureInfo.InvariantCulture, $"vllm:generation_tokens_total{{{l}}} {Interlocked.Read(ref m.GenerationTokens)}\n"));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string name, string type, string help, List<KeyValuePair<string, ModelMetrics>> models, Action<ModelMetrics, string> write)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (model, metrics) in models)
        {
            write(metrics, $"model_name=\"{model.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    private ModelMetrics For(string model) => models.GetOrAdd(model, _ => new ModelMetrics(bounds));

    private sealed class ModelMetrics(IReadOnlyList<double> bounds)
    {
        public readonly VllmHistogram Ttft = new(bounds);
        public readonly VllmHistogram Gaps = new(bounds);
        public readonly VllmHistogram Total = new(bounds);
        public readonly ConcurrentDictionary<string, long> Finished = new(StringComparer.Ordinal);
        public readonly ConcurrentQueue<double> Ttfts = new();
        public long PromptTokens;
        public long GenerationTokens;
    }
}
