namespace SloQuality.Core.Hallucination.Correction;

/// <summary>
/// The strata of the human-review design: bands of the detector's calibrated probability. <c>sloq hitl
/// sample</c> draws a share of its sheet from each, and the corrected rate weighs each stratum's labels by
/// the stratum's share of the outputs it estimates, so sampling the uncertain middle more often than it
/// occurs biases nothing.
/// </summary>
public static class ScoreStrata
{
    /// <summary>Half the width of the borderline band around 0.5.</summary>
    public const double BorderlineBand = 0.15;

    public const int Count = 3;

    /// <summary>In score order: unflagged (p &lt; 0.35), borderline, flagged (p ≥ 0.65).</summary>
    public static readonly IReadOnlyList<string> Names = ["unflagged", "borderline", "flagged"];

    public static int Of(double score) =>
        score < 0.5 - BorderlineBand ? 0 : score < 0.5 + BorderlineBand ? 1 : 2;

    public static string NameOf(double score) => Names[Of(score)];
}
