using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Reports;

/// <summary>
/// What went wrong with an item, for filtering a run's items: incorrect, hallucinated, drifted (under
/// the drift threshold against the baseline), failed (no answer), slow (in the run's slowest tenth by
/// time to first token). An item can be several at once.
/// </summary>
public static class ItemOutcomes
{
    public const string Incorrect = "incorrect";
    public const string Hallucinated = "hallucinated";
    public const string Drifted = "drifted";
    public const string Failed = "failed";
    public const string Slow = "slow";

    public static IReadOnlyList<string> All { get; } = [Incorrect, Hallucinated, Drifted, Failed, Slow];

    /// <summary>The TTFT at which an item of this run counts as slow: the run's 90th percentile, or null under 10 timed items.</summary>
    public static double? SlowFrom(IReadOnlyList<ItemResult> results)
    {
        var ttfts = results.Where(r => r.TtftMs is not null).Select(r => r.TtftMs!.Value).Order().ToList();
        return ttfts.Count < 10 ? null : ttfts[(int)Math.Ceiling(0.9 * ttfts.Count) - 1];
    }

    public static bool Is(ItemResult r, string outcome, double driftThreshold, double? slowFrom) => outcome switch
    {
        Incorrect => r.Error is null && r.Correct == false,
        Hallucinated => r.Error is null && r.Hallucinated == true,
        Drifted => r.Error is null && r.DriftSimilarity < driftThreshold,
        Failed => r.Error is not null,
        Slow => slowFrom is { } from && r.TtftMs >= from,
        _ => true,
    };
}
