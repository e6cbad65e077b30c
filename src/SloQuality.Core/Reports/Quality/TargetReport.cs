using SloQuality.Core.Slo;

namespace SloQuality.Core.Reports.Quality;

/// <summary>One model target's part of a quality report.</summary>
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
