using Microsoft.ML.Data;
using Microsoft.ML;
using SloQuality.Core.Hallucination.Calibration;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// A trained hallucination classifier: features in, a raw score out, read as a probability through its
/// <see cref="Calibration"/> (fitted on out-of-fold scores of its training data, per kind of evidence).
/// Saved as an ML.NET model file with the calibration in its card; thread-safe (one prediction engine per thread).
/// </summary>
public sealed class HallucinationModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly int featureCount;
    private readonly ThreadLocal<PredictionEngine<DetectorRow, DetectorPrediction>> engine;

    internal HallucinationModel(MLContext ml, ITransformer transformer, int featureCount, DetectorCalibration? calibration = null)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.featureCount = featureCount;
        Calibration = calibration ?? DetectorCalibration.Uncalibrated;
        engine = new ThreadLocal<PredictionEngine<DetectorRow, DetectorPrediction>>(() =>
            ml.Model.CreatePredictionEngine<DetectorRow, DetectorPrediction>(transformer, inputSchemaDefinition: DetectorRow.Schema(featureCount)));
    }

    public int FeatureCount => featureCount;

    public DetectorCalibration Calibration { get; }

    public HallucinationModel WithCalibration(DetectorCalibration calibration) => new(ml, transformer, featureCount, calibration);

    /// <summary>The classifier's uncalibrated score (higher = more likely hallucinated).</summary>
    public float RawScore(float[] features)
    {
        if (features.Length != featureCount)
        {
            throw new ArgumentException($"the model takes {featureCount} features, given {features.Length}", nameof(features));
        }

        return engine.Value!.Predict(new DetectorRow { Features = features }).Score;
    }

    /// <summary>Raw scores of many rows at once (the batch path of training).</summary>
    public IReadOnlyList<float> RawScores(IReadOnlyList<float[]> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(f => new DetectorRow { Features = f }), DetectorRow.Schema(featureCount));
        return transformer.Transform(data).GetColumn<float>("Score").ToList();
    }

    public double Probability(EvidenceKind kind, float raw) => Calibration.Probability(kind, raw);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<DetectorRow>(), DetectorRow.Schema(featureCount)).Schema;
        ml.Model.Save(transformer, schema, path);
    }

    /// <summary>The model file and the calibration its card holds (uncalibrated without a card).</summary>
    public static HallucinationModel Load(string path)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out var schema);
        var size = ((VectorDataViewType)schema[nameof(DetectorRow.Features)].Type).Size;
        return new HallucinationModel(ml, transformer, size, DetectorModelCard.Load(path)?.Calibration);
    }
}
