using System.Globalization;
using System.Numerics.Tensors;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Signoff;

/// <summary>
/// How far the candidate's outputs moved from the baseline's on the same items: mean cosine similarity
/// of their embeddings with a bootstrap interval, and the share under the per-item threshold. Reported
/// with the sign-off, not gating it: a new model may rightly say things in other words (the drift SLO
/// and the baseline's noise floor judge drift once it runs).
/// </summary>
public static class SignoffDrift
{
    public static async Task<SignoffRule> RuleAsync(EmbeddingCache? embeddings, IReadOnlyList<ItemResult> baseline, IReadOnlyList<ItemResult> candidate, DriftOptions options, CancellationToken cancellationToken)
    {
        const string Name = "drift against the baseline's outputs";
        var baselineByKey = baseline.Where(r => r.Error is null).ToDictionary(r => (r.ItemId, r.RepeatIndex), r => r.Output);
        var pairs = candidate.Where(c => c.Error is null && baselineByKey.ContainsKey((c.ItemId, c.RepeatIndex))).Select(c => (Baseline: baselineByKey[(c.ItemId, c.RepeatIndex)], Candidate: c.Output)).ToList();
        if (embeddings is null || pairs.Count == 0)
        {
            return new SignoffRule(Name, SignoffRule.Drift, SignoffRule.NotMeasured, embeddings is null ? "no embedding model in this process" : "no item answered in both runs");
        }

        var vectors = await embeddings.EmbedAsync([.. pairs.Select(p => p.Baseline), .. pairs.Select(p => p.Candidate)], cancellationToken).ConfigureAwait(false);
        var similarities = pairs.Select((_, i) => (double)TensorPrimitives.Dot(vectors[i], vectors[pairs.Count + i])).ToList();
        var mean = MeanEstimate.Bootstrap(similarities, options.BootstrapResamples, options.Seed);
        var under = RateEstimate.Wilson(similarities.Count(s => s < options.ItemThreshold), similarities.Count);
        return new SignoffRule(Name, SignoffRule.Drift, SignoffRule.Pass, string.Create(CultureInfo.InvariantCulture,
            $"mean similarity {mean.Mean:0.0000} [{mean.Low:0.0000}, {mean.High:0.0000}] over {similarities.Count} paired outputs; {under.Rate:P1} [{under.Low:P1}, {under.High:P1}] under {options.ItemThreshold} (reported, not gating)"));
    }
}
