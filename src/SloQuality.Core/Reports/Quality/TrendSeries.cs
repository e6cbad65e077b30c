namespace SloQuality.Core.Reports.Quality;

/// <summary>An SLO's SLI per day over the last 30 days (null: no data that day) and its target.</summary>
public sealed record TrendSeries(string Slo, string Sli, double Target, IReadOnlyList<DateTimeOffset> Days, IReadOnlyList<double?> Values);
