namespace SloQuality.Core.Slo;

/// <summary>Which results an SLO covers: model targets and datasets by name (empty = all).</summary>
public sealed record SloScope(IReadOnlyList<string> Targets, IReadOnlyList<string> Datasets)
{
    public static SloScope All { get; } = new([], []);

    public bool Covers(string target, string dataset) =>
        (Targets.Count == 0 || Targets.Contains(target, StringComparer.Ordinal)) &&
        (Datasets.Count == 0 || Datasets.Contains(dataset, StringComparer.Ordinal));
}
