using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Drift;

/// <summary>
/// Measures the baseline's own run-to-run similarity: per item, the mean cosine between the other
/// samples of the baseline model (repeats 1.. of the baseline run, or a second run) and the baseline
/// output (repeat 0). Failed items have no output and are left out.
/// </summary>
public static class NoiseFloorBuilder
{
    public static async Task<NoiseFloor?> BuildAsync(
        IReadOnlyList<ItemResult> baselineItems,
        IReadOnlyList<ItemResult>? secondRunItems,
        string source,
        EmbeddingCache embeddings,
        CancellationToken cancellationToken)
    {
        var reference = baselineItems.Where(i => i.RepeatIndex == 0 && i.Error is null).ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var others = (secondRunItems ?? baselineItems.Where(i => i.RepeatIndex > 0).ToList())
            .Where(i => i.Error is null && reference.ContainsKey(i.ItemId))
            .ToList();
        if (others.Count == 0)
        {
            return null;
        }

        var referenceVectors = await embeddings.EmbedAsync(others.Select(o => reference[o.ItemId].Output).ToList(), cancellationToken).ConfigureAwait(false);
        var otherVectors = await embeddings.EmbedAsync(others.Select(o => o.Output).ToList(), cancellationToken).ConfigureAwait(false);
        var similarities = others
            .Select((o, i) => (o.ItemId, Similarity: EmbeddingVectors.Cosine(referenceVectors[i], otherVectors[i])))
            .GroupBy(x => x.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(x => x.Similarity), StringComparer.Ordinal);
        return new NoiseFloor(source, embeddings.Model, similarities);
    }
}
