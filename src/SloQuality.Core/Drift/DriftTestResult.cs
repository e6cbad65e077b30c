namespace SloQuality.Core.Drift;

/// <summary>
/// One drift test's outcome: its statistic, its p-value (raw, and adjusted: divided by the test's share
/// of alpha, capped at 1; null for a threshold rule), the effect threshold, and whether it raises drift.
/// </summary>
public sealed record DriftTestResult(
    string Name,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Threshold,
    bool Drifted,
    string Detail);
