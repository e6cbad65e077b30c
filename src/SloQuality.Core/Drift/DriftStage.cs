using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Drift;

/// <summary>
/// The drift step of a run: embeds the run's outputs (stored, so a later promotion of this run costs
/// nothing), and when the (model target, dataset) has a baseline, gives each item its similarity to the
/// baseline output of the same item id (null when the baseline has none) and assesses the whole run.
/// </summary>
public sealed class DriftStage(EmbeddingCache embeddings, IBaselineStore baselines, IResultStore results, DriftAnalyzer analyzer)
{
    public async Task<DriftOutcome> AssessAsync(RunRecord run, IReadOnlyList<ItemResult> items, CancellationToken cancellationToken)
    {
        var answered = items.Where(i => i.Error is null).ToList();
        var vectors = await embeddings.EmbedAsync(answered.Select(i => i.Output).ToList(), cancellationToken).ConfigureAwait(false);
        var baseline = await baselines.GetCurrentAsync(run.ModelTarget, run.DatasetName, cancellationToken).ConfigureAwait(false);
        if (baseline is null || baseline.RunId == run.RunId)
        {
            return new DriftOutcome(items, null, new Dictionary<string, string>());
        }

        var baselineItems = await results.GetItemResultsAsync(baseline.RunId, cancellationToken).ConfigureAwait(false);
        var reference = baselineItems.Where(i => i.RepeatIndex == 0 && i.Error is null).ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var referenceIds = reference.Keys.ToList();
        var referenceVectors = await embeddings.EmbedAsync(referenceIds.Select(id => reference[id].Output).ToList(), cancellationToken).ConfigureAwait(false);
        var baselineVector = referenceIds.Select((id, i) => (id, referenceVectors[i])).ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);

        var similarity = new Dictionary<(string, int), double>();
        var currentVector = new Dictionary<string, (int Repeat, float[] Vector)>(StringComparer.Ordinal);
        for (var i = 0; i < answered.Count; i++)
        {
            var item = answered[i];
            if (baselineVector.TryGetValue(item.ItemId, out var b))
            {
                similarity[(item.ItemId, item.RepeatIndex)] = EmbeddingVectors.Cosine(vectors[i], b);
                if (!currentVector.TryGetValue(item.ItemId, out var seen) || item.RepeatIndex < seen.Repeat)
                {
                    currentVector[item.ItemId] = (item.RepeatIndex, vectors[i]);
                }
            }
        }

        var updated = items.Select(i => i with { DriftSimilarity = similarity.TryGetValue((i.ItemId, i.RepeatIndex), out var s) ? s : null }).ToList();
        await results.SetDriftSimilaritiesAsync(run.RunId, updated.Select(i => (i.ItemId, i.RepeatIndex, i.DriftSimilarity)).ToList(), cancellationToken).ConfigureAwait(false);

        var noise = await CurrentNoiseAsync(baseline, baselineItems, cancellationToken).ConfigureAwait(false);
        var pairs = currentVector
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DriftPair(
                kv.Key,
                baselineVector[kv.Key],
                kv.Value.Vector,
                similarity.Where(s => s.Key.Item1 == kv.Key).Average(s => s.Value),
                noise?.Similarities.TryGetValue(kv.Key, out var n) == true ? n : null))
            .ToList();
        var withoutBaseline = answered.Select(i => i.ItemId).Distinct(StringComparer.Ordinal).Count(id => !baselineVector.ContainsKey(id));
        var assessment = analyzer.Analyze(pairs, withoutBaseline, baseline.RunId, embeddings.Model, noise);
        return new DriftOutcome(updated, assessment, reference.ToDictionary(kv => kv.Key, kv => kv.Value.Output, StringComparer.Ordinal));
    }

    /// <summary>The stored noise floor, measured again when the embedding model has changed since.</summary>
    private async Task<NoiseFloor?> CurrentNoiseAsync(BaselineRecord baseline, IReadOnlyList<ItemResult> baselineItems, CancellationToken cancellationToken)
    {
        if (baseline.Noise is null || baseline.Noise.EmbeddingModel == embeddings.Model || baseline.NoiseRunId is null)
        {
            return baseline.Noise;
        }

        var second = baseline.NoiseRunId == baseline.RunId ? null : await results.GetItemResultsAsync(baseline.NoiseRunId, cancellationToken).ConfigureAwait(false);
        return await NoiseFloorBuilder.BuildAsync(baselineItems, second, baseline.Noise.Source, embeddings, cancellationToken).ConfigureAwait(false);
    }
}
