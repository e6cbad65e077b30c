namespace SloQuality.Core.Datasets;

/// <summary>A validated golden dataset. <see cref="ContentHash"/> identifies this version of its items.</summary>
public sealed record GoldenDataset(
    string Name,
    string Path,
    string Description,
    IReadOnlyList<GoldenItem> Items,
    string ContentHash);
