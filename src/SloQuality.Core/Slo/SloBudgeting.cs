namespace SloQuality.Core.Slo;

/// <summary>
/// How the error budget is counted. <c>occurrences</c>: each event (item, request) is good or bad and
/// the budget is the share of bad events allowed. <c>timeslices</c>: the window is cut into slices of
/// <see cref="SliceLength"/>, a slice is bad when its SLI misses the per-slice condition (the SLO's own
/// operator with <see cref="SliceTarget"/>, by default the SLO's target), and the budget is the share
/// of slices allowed to be bad (as minutes too).
/// </summary>
public sealed record SloBudgeting(string Method, TimeSpan? SliceLength = null, double? SliceTarget = null)
{
    public const string Occurrences = "occurrences";
    public const string Timeslices = "timeslices";

    public static SloBudgeting ByOccurrences { get; } = new(Occurrences);
}
