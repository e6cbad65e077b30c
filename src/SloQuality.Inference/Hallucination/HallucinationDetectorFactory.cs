using SloQuality.Core.Configuration;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Hallucination;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Inference.Hallucination;

/// <summary>
/// The detector <c>hallucination.yaml</c> asks for. The trained one always embeds with the local
/// MiniLM model, whatever <c>drift.yaml</c> says: its features were learned on those embeddings. A
/// missing model file falls back to the lexical detector with a problem that says so.
/// </summary>
public static class HallucinationDetectorFactory
{
    public static (IHallucinationDetector Detector, string? Problem) Create(string configFolder)
    {
        var (settings, problems) = HallucinationSettings.Load(configFolder);
        if (problems.Count > 0)
        {
            return (new LexicalHallucinationDetector(), string.Join("; ", problems) + "; using the lexical detector");
        }

        if (settings.Detector == HallucinationSettings.Lexical)
        {
            return (new LexicalHallucinationDetector(), null);
        }

        if (!File.Exists(settings.Model))
        {
            return (new LexicalHallucinationDetector(), $"{settings.Model}: the trained detector's model file is missing (train it with 'sloq detector train'); using the lexical detector");
        }

        return (Trained(settings.Model, settings.EffectiveThresholds()), null);
    }

    /// <param name="thresholds">Per kind of evidence; kinds not given take the thresholds the model was calibrated with.</param>
    public static TrainedHallucinationDetector Trained(string modelPath, IReadOnlyDictionary<EvidenceKind, double>? thresholds = null) =>
        new(HallucinationModel.Load(modelPath), new DetectorFeaturizer(new MiniLmEmbeddingGenerator()), thresholds);
}
