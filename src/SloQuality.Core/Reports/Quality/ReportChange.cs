namespace SloQuality.Core.Reports.Quality;

/// <summary>What moved since the previous period: status, alert state, and the SLI value before and after.</summary>
public sealed record ReportChange(string Slo, string StatusBefore, string StatusAfter, string AlertBefore, string AlertAfter, double? ValueBefore, double? ValueAfter);
