using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Slo;

/// <summary>
/// Cuts a run's item results into five-minute slices by completion time and by the items' tag
/// signature (what the fold reads).
/// </summary>
public static class SliceAggregator
{
    public static IReadOnlyList<SliceAggregate> Aggregate(RunRecord run, IEnumerable<ItemResult> results, GoldenDataset? dataset = null)
    {
        var signatures = dataset?.Items.ToDictionary(i => i.Id, i => Signature(i.Tags), StringComparer.Ordinal) ?? [];
        var slices = new Dictionary<(DateTimeOffset, string), SliceAggregate>();
        foreach (var r in results)
        {
            var start = SliceAggregate.Floor(r.CompletedAt);
            var tags = signatures.GetValueOrDefault(r.ItemId, string.Empty);
            if (!slices.TryGetValue((start, tags), out var slice))
            {
                slice = new SliceAggregate { RunId = run.RunId, ModelTarget = run.ModelTarget, DatasetName = run.DatasetName, SliceStart = start, Tags = tags, Origin = run.Origin };
                slices[(start, tags)] = slice;
            }

            Add(slice, r);
        }

        return slices.Values.OrderBy(s => s.SliceStart).ThenBy(s => s.Tags, StringComparer.Ordinal).ToList();
    }

    public static string Signature(IEnumerable<string> tags) =>
        string.Join(',', tags.Select(t => t.Replace(",", string.Empty, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static void Add(SliceAggregate slice, ItemResult r)
    {
        slice.Items++;
        if (r.Unavailable)
        {
            slice.Unavailable++;
        }
        else if (r.ErrorKind == "content_filter")
        {
            slice.ContentFiltered++;
        }
        else if (r.ErrorKind == "truncated")
        {
            slice.Truncated++;
        }

        if (r.Error is not null)
        {
            return;
        }

        slice.Answered++;
        slice.Correct += r.Correct == true ? 1 : 0;
        slice.Judged += r.Correct is null ? 0 : 1;
        if (r.HallucinationScore is { } score)
        {
            slice.StrataFor(slice.DatasetName).Add(score, r.Hallucinated == true);
        }

        slice.Hallucinated += r.Hallucinated == true ? 1 : 0;
        if (r.DriftSimilarity is { } similarity)
        {
            slice.DriftCount++;
            slice.DriftSum += similarity;
            slice.DriftSumOfSquares += similarity * similarity;
            slice.DriftDistance.Add(1 - similarity);
            slice.SevereDrift += similarity < AvailabilityCounting.SevereDriftBelow ? 1 : 0;
        }

        if (r.TtftMs is { } ttft)
        {
            slice.Ttft.Add(ttft);
        }

        if (r.TotalMs is { } total)
        {
            slice.Total.Add(total);
            if (r.OutputTokens is { } tokens && total > 0)
            {
                slice.OutputTokens += tokens;
                slice.GenerationSeconds += total / 1000;
            }
        }

        foreach (var gap in r.GapsMs)
        {
            slice.InterToken.Add(gap);
        }
    }
}
