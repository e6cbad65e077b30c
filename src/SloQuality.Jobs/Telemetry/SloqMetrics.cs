using System.Diagnostics.Metrics;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;

namespace SloQuality.Jobs.Telemetry;

/// <summary>
/// The service's OpenTelemetry metrics (meter <c>SloQuality</c>), exported at <c>/metrics</c>: replay
/// histograms of time to first token and inter-token gaps and item counts per model target and dataset,
/// job counts and durations, and per SLO and target the latest SLI, budget left, burn rates and alert
/// state (from <see cref="Publish"/>, which the server calls after each fold).
/// </summary>
public sealed class SloqMetrics
{
    public const string MeterName = "SloQuality";

    /// <summary>Bucket bounds (seconds) of the replay latency histograms: fine where LLM latencies live.</summary>
    public static readonly double[] LatencyBuckets =
        [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 20, 30, 60];

    private readonly Histogram<double> ttft;
    private readonly Histogram<double> gaps;
    private readonly Counter<long> items;
    private readonly Counter<long> jobs;
    private readonly Histogram<double> jobSeconds;
    private volatile IReadOnlyList<SloEvaluation> slos = [];
    private volatile IReadOnlyDictionary<string, string> datasetsBySlo = new Dictionary<string, string>();

    public SloqMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        ttft = meter.CreateHistogram("sloq.replay.ttft", "s", "Time to first token of replayed items.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        gaps = meter.CreateHistogram("sloq.replay.inter_token", "s", "Gaps between streamed chunks of replayed items.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        items = meter.CreateCounter<long>("sloq.replay.items", description: "Replayed items by outcome (answered, unavailable, content_filter, truncated).");
        jobs = meter.CreateCounter<long>("sloq.jobs", description: "Background jobs performed, by job and outcome.");
        jobSeconds = meter.CreateHistogram("sloq.job.duration", "s", "How long background jobs ran.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] });
        meter.CreateObservableGauge("sloq.slo.sli", () => Gauge(e => e.Value), description: "The SLO's SLI over its current window (rates as fractions, latencies in ms).");
        meter.CreateObservableGauge("sloq.slo.sli_low", () => Gauge(e => e.Low), description: "Lower end of the SLI's 95% interval.");
        meter.CreateObservableGauge("sloq.slo.sli_high", () => Gauge(e => e.High), description: "Upper end of the SLI's 95% interval.");
        meter.CreateObservableGauge("sloq.slo.events", () => Gauge(e => e.N), description: "Sample count behind the SLI (events, or slices with data).");
        meter.CreateObservableGauge("sloq.slo.met", () => Gauge(e => e.Status == SloEvaluation.NoData ? null : e.Status == SloEvaluation.Met ? 1 : 0), description: "1 when the interval shows the SLO met, 0 when breached or inconclusive.");
        meter.CreateObservableGauge("sloq.slo.budget_remaining", () => Gauge(e => e.Budget.RemainingShare), description: "Share of the error budget left (1 = untouched, below 0 = overspent).");
        meter.CreateObservableGauge("sloq.slo.burn_rate", BurnRates, description: "Burn rate over each alert window (1 spends the budget exactly by the window's end).");
        meter.CreateObservableGauge("sloq.slo.alert", Alerts, description: "1 while the multiwindow burn-rate alert of that severity fires.");
    }

    /// <summary>The evaluations the SLO gauges show from now on.</summary>
    public void Publish(SloSet set, IReadOnlyList<SloEvaluation> evaluations)
    {
        datasetsBySlo = set.Slos.ToDictionary(s => s.Name, s => s.Scope.Datasets.Count == 0 ? "*" : string.Join(',', s.Scope.Datasets), StringComparer.Ordinal);
        slos = evaluations;
    }

    public void Replayed(string target, string dataset, IEnumerable<ItemResult> results)
    {
        var tags = new KeyValuePair<string, object?>[] { new("model_target", target), new("dataset", dataset) };
        foreach (var result in results)
        {
            if (result.TtftMs is { } ms)
            {
                ttft.Record(ms / 1000, tags);
            }

            foreach (var gap in result.GapsMs)
            {
                gaps.Record(gap / 1000, tags);
            }

            var outcome = result.Unavailable ? "unavailable" : result.FinishReason switch { "content_filter" => "content_filter", "length" => "truncated", _ => "answered" };
            items.Add(1, [.. tags, new("outcome", outcome)]);
        }
    }

    public void JobPerformed(string job, bool succeeded, TimeSpan duration)
    {
        var tags = new KeyValuePair<string, object?>[] { new("job", job), new("outcome", succeeded ? "succeeded" : "failed") };
        jobs.Add(1, tags);
        jobSeconds.Record(duration.TotalSeconds, tags);
    }

    private IEnumerable<Measurement<double>> Gauge(Func<SloEvaluation, double?> value) =>
        slos.Select(e => (e, v: value(e))).Where(p => p.v is { } x && double.IsFinite(x)).Select(p => new Measurement<double>(p.v!.Value, Tags(p.e)));

    private IEnumerable<Measurement<double>> BurnRates() =>
        slos.SelectMany(e => e.Alert.Checks.SelectMany(c => new[] { (c.Alert.LongWindow, c.LongBurnRate), (c.Alert.ShortWindow, c.ShortBurnRate) })
            .DistinctBy(w => w.Item1)
            .Where(w => w.Item2 is { } b && double.IsFinite(b))
            .Select(w => new Measurement<double>(w.Item2!.Value, [.. Tags(e), new("burn_window", SloDurations.Format(w.Item1))])));

    private IEnumerable<Measurement<int>> Alerts() =>
        slos.SelectMany(e => new[] { BurnRateAlert.Page, BurnRateAlert.Ticket }.Select(severity =>
            new Measurement<int>(e.Alert.Checks.Any(c => c.Firing && c.Alert.Severity == severity) ? 1 : 0, [.. Tags(e), new("severity", severity)])));

    private KeyValuePair<string, object?>[] Tags(SloEvaluation e) =>
        [new("slo", e.Slo), new("model_target", e.ModelTarget), new("datasets", datasetsBySlo.GetValueOrDefault(e.Slo, "*")), new("sli", e.Sli), new("window", e.Window), new("source", string.Join('+', e.Sources)),
            // Which hallucination rate the SLI is: the detector's verdicts, or corrected by human labels.
            new("estimate", e.Estimate ?? (e.Sli == SliKinds.HallucinationRate ? "detector" : string.Empty))];
}
