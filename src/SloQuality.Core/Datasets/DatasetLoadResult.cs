namespace SloQuality.Core.Datasets;

/// <summary>The outcome of loading one file: a dataset when it is valid, and every problem found.</summary>
public sealed record DatasetLoadResult(string Path, GoldenDataset? Dataset, IReadOnlyList<DatasetProblem> Problems)
{
    public bool IsValid => Dataset is not null && Problems.Count == 0;

    /// <summary>What was accepted but changed (a repeated Evals sample counted once): the dataset stays valid.</summary>
    public IReadOnlyList<DatasetProblem> Warnings { get; init; } = [];
}
