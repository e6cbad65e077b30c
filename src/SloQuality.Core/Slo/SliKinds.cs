namespace SloQuality.Core.Slo;

/// <summary>
/// The service level indicators an SLO can promise, and what kind of number each is: a rate of good
/// items, a latency percentile (milliseconds), the mean drift similarity, a throughput (output tokens
/// per second of generation), or the mean time to recover from another SLO's incidents (minutes).
/// </summary>
public static class SliKinds
{
    public const string CorrectnessRate = "correctness_rate";
    public const string HallucinationRate = "hallucination_rate";
    public const string Availability = "availability";
    public const string SuccessRate = "success_rate";
    public const string DriftSimilarity = "drift_similarity";
    public const string ThroughputTps = "throughput_tps";
    public const string Mttr = "mttr";

    /// <summary>Latency percentiles: the metric and the quantile.</summary>
    public static readonly IReadOnlyDictionary<string, (LatencyMetric Metric, double Quantile)> Percentiles = new Dictionary<string, (LatencyMetric, double)>
    {
        ["ttft_p50"] = (LatencyMetric.Ttft, 0.50),
        ["ttft_p90"] = (LatencyMetric.Ttft, 0.90),
        ["ttft_p99"] = (LatencyMetric.Ttft, 0.99),
        ["itl_p50"] = (LatencyMetric.InterToken, 0.50),
        ["itl_p99"] = (LatencyMetric.InterToken, 0.99),
        ["total_latency_p99"] = (LatencyMetric.Total, 0.99),
    };

    public static readonly IReadOnlyList<string> Rates = [CorrectnessRate, HallucinationRate, Availability, SuccessRate];

    public static IReadOnlyList<string> All { get; } =
        [.. Rates, DriftSimilarity, .. Percentiles.Keys, ThroughputTps, Mttr];

    /// <summary>
    /// SLIs that production traffic can show without a golden answer to compare with: availability,
    /// success and latencies. Quality SLIs (correctness, hallucination, drift) come from replays only.
    /// </summary>
    public static bool ObservableInProduction(string sli) => sli is Availability or SuccessRate || Percentiles.ContainsKey(sli);

    /// <summary>True when a bigger value is worse (a rate of bad events, a latency, a recovery time).</summary>
    public static bool LowerIsBetter(string sli) => sli is HallucinationRate or Mttr || Percentiles.ContainsKey(sli);
}
