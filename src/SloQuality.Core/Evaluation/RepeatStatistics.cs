using SloQuality.Core.Statistics;

namespace SloQuality.Core.Evaluation;

/// <summary>
/// What sending every item K times shows (<c>--repeat K</c>), for correctness and for "no
/// hallucination": pass@1, the mean over items of the share of their repeats that passed (with a
/// bootstrap interval over items, since an item's repeats are not independent); pass^K, the share of
/// items whose K repeats all passed (Wilson); and the flaky items, whose verdict changed between repeats.
/// Items with a failed call among their repeats are left out of pass^K and counted as incomplete.
/// </summary>
public sealed record RepeatStatistics(int K, RepeatStatistics.Metric Correctness, RepeatStatistics.Metric NoHallucination)
{
    /// <summary>Flaky item ids listed at most (the count is always whole).</summary>
    private const int MaximumListed = 50;

    public sealed record Metric(MeanEstimate PassAt1, RateEstimate PassAllK, RateEstimate Flaky, IReadOnlyList<string> FlakyItems, int IncompleteItems);

    public static RepeatStatistics? From(int k, IReadOnlyList<ItemResult> results)
    {
        if (k < 2)
        {
            return null;
        }

        var byItem = results.GroupBy(r => r.ItemId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new RepeatStatistics(k, Of(k, byItem, r => r.Correct), Of(k, byItem, r => r.Hallucinated is { } h ? !h : null));
    }

    private static Metric Of(int k, List<IGrouping<string, ItemResult>> byItem, Func<ItemResult, bool?> passed)
    {
        var shares = new List<double>();
        var (allPass, complete, flaky, incomplete) = (0, 0, new List<string>(), 0);
        foreach (var item in byItem)
        {
            var verdicts = item.Select(passed).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (verdicts.Count == 0)
            {
                incomplete++;
                continue;
            }

            shares.Add(verdicts.Count(v => v) / (double)verdicts.Count);
            if (verdicts.Distinct().Count() > 1)
            {
                flaky.Add(item.Key);
            }

            if (verdicts.Count < k)
            {
                incomplete++;
                continue;
            }

            complete++;
            allPass += verdicts.All(v => v) ? 1 : 0;
        }

        return new Metric(
            MeanEstimate.Bootstrap(shares, 2000, seed: 1),
            RateEstimate.Wilson(allPass, complete),
            RateEstimate.Wilson(flaky.Count, shares.Count),
            flaky.Take(MaximumListed).ToList(),
            incomplete);
    }
}
