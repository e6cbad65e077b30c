using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Review;

/// <summary>
/// Picks the outputs of a run for people to review, in three strata: flagged by the detector, not
/// flagged, and borderline (score within <see cref="BorderlineBand"/> of the threshold, where the
/// detector is least sure and a label teaches most). A third of N each, seeded; a short stratum's share
/// goes to the others.
/// </summary>
public static class ReviewSample
{
    public const double BorderlineBand = 0.15;

    public static IReadOnlyList<(ItemResult Result, string Stratum)> Pick(IReadOnlyList<ItemResult> results, int n, double threshold, int seed = 1)
    {
        var random = new Random(seed);
        var judged = results.Where(r => r.Error is null && r.HallucinationScore is not null)
            .OrderBy(r => r.ItemId, StringComparer.Ordinal).ThenBy(r => r.RepeatIndex).OrderBy(_ => random.Next()).ToList();
        var borderline = judged.Where(r => Math.Abs(r.HallucinationScore!.Value - threshold) < BorderlineBand).ToList();
        var flagged = judged.Where(r => r.Hallucinated == true).Except(borderline).ToList();
        var unflagged = judged.Where(r => r.Hallucinated != true).Except(borderline).ToList();
        var strata = new[] { ("borderline", borderline), ("flagged", flagged), ("unflagged", unflagged) };
        var picked = new List<(ItemResult, string)>();
        var remaining = Math.Min(n, judged.Count);
        for (var s = 0; s < strata.Length; s++)
        {
            var (name, pool) = strata[s];
            var share = (int)Math.Ceiling(remaining / (double)(strata.Length - s));
            var take = pool.Take(share).ToList();
            picked.AddRange(take.Select(r => (r, name)));
            remaining -= take.Count;
        }

        // What a short stratum left over comes from any stratum with outputs still unpicked.
        foreach (var (name, pool) in strata)
        {
            var more = pool.Where(r => !picked.Any(p => ReferenceEquals(p.Item1, r))).Take(remaining).ToList();
            picked.AddRange(more.Select(r => (r, name)));
            remaining -= more.Count;
        }

        return picked;
    }
}
