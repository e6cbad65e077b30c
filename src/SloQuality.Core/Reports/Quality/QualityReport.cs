using SloQuality.Core.Slo;

namespace SloQuality.Core.Reports.Quality;

/// <summary>
/// The daily or weekly quality report (<c>report.json</c>): per model target, the SLO table as of the
/// period's end, 30-day SLI trends, error-budget burn-down, the worst items of the period, and what
/// changed since the previous period.
/// </summary>
public sealed record QualityReport(
    string Kind,
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<TargetReport> Targets);

public sealed record TargetReport(
    string ModelTarget,
    IReadOnlyList<SloEvaluation> Slos,
    IReadOnlyList<TrendSeries> Trends,
    IReadOnlyList<BurnDownSeries> BurnDown,
    IReadOnlyList<WorstItem> Hallucinations,
    IReadOnlyList<WorstItem> Drift,
    IReadOnlyList<WorstItem> SlowestTtft,
    IReadOnlyList<ReportChange> Changes,
    int Runs);

/// <summary>An SLO's SLI per day over the last 30 days (null: no data that day) and its target.</summary>
public sealed record TrendSeries(string Slo, string Sli, double Target, IReadOnlyList<DateTimeOffset> Days, IReadOnlyList<double?> Values);

/// <summary>The share of an SLO's error budget left at points through its window up to the report's end.</summary>
public sealed record BurnDownSeries(string Slo, IReadOnlyList<DateTimeOffset> At, IReadOnlyList<double?> RemainingShare);

/// <summary>
/// One item worth a look: its run, dataset and id, the output, a score (hallucination score, drift
/// similarity or TTFT in ms), the unsupported claims, and for drift the baseline's output.
/// </summary>
public sealed record WorstItem(string RunId, string Dataset, string ItemId, string Output, double? Score, IReadOnlyList<string> Claims, string? BaselineOutput);

/// <summary>What moved since the previous period: status, alert state, and the SLI value before and after.</summary>
public sealed record ReportChange(string Slo, string StatusBefore, string StatusAfter, string AlertBefore, string AlertAfter, double? ValueBefore, double? ValueAfter);
