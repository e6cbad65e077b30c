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
    IReadOnlyList<TargetReport> Targets)
{
    /// <summary>The hallucination detector measured against the human review labels of the period's runs; null without labels.</summary>
    public Review.DetectorReview? DetectorReview { get; init; }
}
