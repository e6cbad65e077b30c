namespace SloQuality.Core.Drift;

/// <summary>
/// One item seen in the baseline and in the current run: both output embeddings, their cosine
/// similarity (the mean over the current run's repeats), and the baseline's own run-to-run similarity
/// for the item when a noise floor exists.
/// </summary>
public sealed record DriftPair(string ItemId, float[] Baseline, float[] Current, double Similarity, double? NoiseSimilarity);
