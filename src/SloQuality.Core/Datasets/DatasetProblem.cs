namespace SloQuality.Core.Datasets;

/// <summary>One thing wrong with a dataset file, located as <c>path:line</c> (line 0 = the whole file).</summary>
public sealed record DatasetProblem(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
