using Microsoft.ML.Data;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>ML.NET's view of a case: a fixed-length feature vector and the label.</summary>
internal sealed class DetectorRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;

    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(DetectorRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}

internal sealed class DetectorPrediction
{
    public float Score { get; set; }
}
