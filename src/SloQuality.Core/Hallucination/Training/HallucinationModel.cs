using Microsoft.ML.Data;
using Microsoft.ML;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// A trained hallucination classifier: features in, calibrated probability of "hallucinated" out.
/// Saved and loaded as an ML.NET model file; thread-safe (one prediction engine per thread).
/// </summary>
public sealed class HallucinationModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly int featureCount;
    private readonly ThreadLocal<PredictionEngine<DetectorRow, DetectorPrediction>> engine;

    internal HallucinationModel(MLContext ml, ITransformer transformer, int featureCount)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.featureCount = featureCount;
        engine = new ThreadLocal<PredictionEngine<DetectorRow, DetectorPrediction>>(() =>
            ml.Model.CreatePredictionEngine<DetectorRow, DetectorPrediction>(transformer, inputSchemaDefinition: DetectorRow.Schema(featureCount)));
    }

    public int FeatureCount => featureCount;

    public float Probability(float[] features)
    {
        if (features.Length != featureCount)
        {
            throw new ArgumentException($"the model takes {featureCount} features, given {features.Length}", nameof(features));
        }

        return engine.Value!.Predict(new DetectorRow { Features = features }).Probability;
    }

    /// <summary>Probabilities of many rows at once (the batch path of cross-validation and evaluation).</summary>
    public IReadOnlyList<float> Probabilities(IReadOnlyList<float[]> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(f => new DetectorRow { Features = f }), DetectorRow.Schema(featureCount));
        return transformer.Transform(data).GetColumn<float>("Probability").ToList();
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<DetectorRow>(), DetectorRow.Schema(featureCount)).Schema;
        ml.Model.Save(transformer, schema, path);
    }

    public static HallucinationModel Load(string path)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out var schema);
        var size = ((VectorDataViewType)schema[nameof(DetectorRow.Features)].Type).Size;
        return new HallucinationModel(ml, transformer, size);
    }
}
