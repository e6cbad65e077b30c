namespace SloQuality.Core.Slo;

/// <summary>
/// The evaluations of the windows holding <see cref="At"/>, how many past windows were caught up, and
/// (when asked for) each evaluation's SLI over its window for a sparkline.
/// </summary>
public sealed record SloFoldResult(DateTimeOffset At, IReadOnlyList<SloEvaluation> Current, int CaughtUp, IReadOnlyList<SloSeries>? Series = null);
