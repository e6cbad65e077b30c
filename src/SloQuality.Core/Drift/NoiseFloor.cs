namespace SloQuality.Core.Drift;

/// <summary>
/// The baseline model's own run-to-run similarity: per item, the cosine between a repeat of the
/// baseline (another repeat of its run, or a second run) and the baseline output. Stored with the
/// baseline; drift is judged against it.
/// </summary>
public sealed record NoiseFloor(string Source, string EmbeddingModel, IReadOnlyDictionary<string, double> Similarities)
{
    public double? Mean => Similarities.Count == 0 ? null : Similarities.Values.Average();
}
