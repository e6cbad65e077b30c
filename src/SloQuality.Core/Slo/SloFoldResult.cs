namespace SloQuality.Core.Slo;

/// <summary>The evaluations of the windows holding <see cref="At"/>, and how many past windows were caught up.</summary>
public sealed record SloFoldResult(DateTimeOffset At, IReadOnlyList<SloEvaluation> Current, int CaughtUp);
