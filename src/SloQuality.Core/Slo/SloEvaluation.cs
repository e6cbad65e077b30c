using SloQuality.Core.Statistics;

namespace SloQuality.Core.Slo;

/// <summary>
/// One SLO for one model target over one window: the SLI with its interval and sample count, the
/// status (the interval decides: <c>met</c>, <c>breached</c>, or <c>inconclusive</c> when it straddles
/// the target; <c>no_data</c>), the error budget, burn rates and alert state, projected exhaustion,
/// and the incidents and MTTR of the last 90 days.
/// </summary>
public sealed record SloEvaluation
{
    public const string Met = "met";
    public const string Breached = "breached";
    public const string Inconclusive = "inconclusive";
    public const string NoData = "no_data";

    public required string Slo { get; init; }

    public required string ModelTarget { get; init; }

    public required string Sli { get; init; }

    public required string Objective { get; init; }

    public required string Window { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public DateTimeOffset WindowEnd { get; init; }

    /// <summary>When the figures were taken (the window's end, or now for a window still open).</summary>
    public DateTimeOffset EvaluatedAt { get; init; }

    public bool Complete { get; init; }

    public double? Value { get; init; }

    public double? Low { get; init; }

    public double? High { get; init; }

    /// <summary>Events (items, requests, gaps) or, for time slices, slices with data.</summary>
    public long N { get; init; }

    public required string Status { get; init; }

    /// <summary>True when the point estimate alone meets the target (the status also weighs the interval).</summary>
    public bool? PointMet { get; init; }

    public required BudgetFigures Budget { get; init; }

    /// <summary>The burn rate over the whole window (1 spends the budget exactly by its end).</summary>
    public double? BurnRate { get; init; }

    public required AlertState Alert { get; init; }

    /// <summary>At the last day's burn rate, minutes until the budget is spent; null if it never will.</summary>
    public double? MinutesToExhaustion { get; init; }

    public IReadOnlyList<Incident> Incidents { get; init; } = [];

    /// <summary>Mean minutes from breach to recovery over the closed incidents of the last 90 days.</summary>
    public double? MttrMinutes { get; init; }

    /// <summary>For a hallucination-rate SLO: <c>detector</c>, <c>corrected</c> or <c>mixed</c> (see <see cref="SliReading.Estimate"/>); null otherwise.</summary>
    public string? Estimate { get; init; }

    /// <summary>For a percentile read from histogram buckets (production traffic): the bucket its value lies in; the interval spans at least it.</summary>
    public HistogramBucket? Bucket { get; init; }

    /// <summary>Where the window's figures come from: "replay", "prometheus" (production traffic), or both.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public static string StatusOf(SloDefinition slo, double? value, double? low, double? high)
    {
        if (value is null)
        {
            return NoData;
        }

        if (low is null || high is null)
        {
            return slo.Satisfies(value.Value) ? Met : Breached;
        }

        // The worse end of the interval must meet the target to be sure it is met, the better end must
        // miss it to be sure it is breached.
        var (worse, better) = SliKinds.LowerIsBetter(slo.Sli) ? (high.Value, low.Value) : (low.Value, high.Value);
        return slo.Satisfies(worse) ? Met : !slo.Satisfies(better) ? Breached : Inconclusive;
    }
}
