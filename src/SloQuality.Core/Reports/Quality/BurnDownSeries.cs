namespace SloQuality.Core.Reports.Quality;

/// <summary>The share of an SLO's error budget left at points through its window up to the report's end.</summary>
public sealed record BurnDownSeries(string Slo, IReadOnlyList<DateTimeOffset> At, IReadOnlyList<double?> RemainingShare);
