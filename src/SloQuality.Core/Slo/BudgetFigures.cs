namespace SloQuality.Core.Slo;

/// <summary>
/// An error budget in its unit (bad events for occurrences, bad slices for time slices): total allowed
/// over the period, consumed, remaining (negative once overspent), and the same as minutes where the SLI
/// is time-based (time slices, availability, latency).
/// </summary>
public sealed record BudgetFigures(
    string Method,
    double Total,
    double Consumed,
    double Remaining,
    double? RemainingShare,
    double? TotalMinutes,
    double? ConsumedMinutes,
    double? RemainingMinutes);
