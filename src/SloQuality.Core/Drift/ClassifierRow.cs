namespace SloQuality.Core.Drift;

/// <summary>One output embedding as ML.NET sees it: the vector and whether it came from the current run.</summary>
public sealed class ClassifierRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}
