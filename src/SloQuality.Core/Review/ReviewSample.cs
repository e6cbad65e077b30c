using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination.Correction;

namespace SloQuality.Core.Review;

/// <summary>
/// Picks the outputs of a run for people to review, in the strata of <see cref="ScoreStrata"/>: flagged
/// with confidence, not flagged with confidence, and borderline (the calibrated probability within
/// <see cref="ScoreStrata.BorderlineBand"/> of 0.5, where the detector is least sure and a label teaches
/// most). A third of N each, seeded; a short stratum's share goes to the others. The corrected rate
/// weighs each stratum's labels by the stratum's share of the outputs, so this design biases nothing.
/// </summary>
public static class ReviewSample
{
    public static IReadOnlyList<(ItemResult Result, string Stratum)> Pick(IReadOnlyList<ItemResult> results, int n, int seed = 1)
    {
        var random = new Random(seed);
        var judged = results.Where(r => r.Error is null && r.HallucinationScore is not null)
            .OrderBy(r => r.ItemId, StringComparer.Ordinal).ThenBy(r => r.RepeatIndex).OrderBy(_ => random.Next()).ToList();
        var byStratum = judged.ToLookup(r => ScoreStrata.Of(r.HallucinationScore!.Value));
        var strata = new[] { 1, 2, 0 }.Select(h => (Name: ScoreStrata.Names[h], Pool: byStratum[h].ToList())).ToArray();
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
