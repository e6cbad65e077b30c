namespace SloQuality.Core.Evaluation;

/// <summary>A run as the store keeps it: the record and its summary (the <c>summary.json</c> text).</summary>
public sealed record StoredRun(RunRecord Run, string? SummaryJson);
