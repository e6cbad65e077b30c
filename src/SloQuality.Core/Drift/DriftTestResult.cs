namespace SloQuality.Core.Drift;

/// <summary>
/// One drift test's outcome: its statistic, its p-value (raw and Holm-adjusted across the tests of
/// one assessment; null for a threshold rule), the effect threshold, and whether it raises drift.
/// </summary>
public sealed record DriftTestResult(
    string Name,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Threshold,
    bool Drifted,
    string Detail);
