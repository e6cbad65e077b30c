using SloQuality.Core.Datasets;

namespace SloQuality.Jobs;

/// <summary>
/// The golden datasets folder as it is right now: every file is read again on each call, so a new or
/// changed file is used by the next run, and an invalid one shows its problems without hiding the others.
/// </summary>
public sealed class DatasetCatalog(JobsOptions options)
{
    public IReadOnlyList<DatasetLoadResult> LoadAll() =>
        Directory.Exists(options.DatasetsFolder)
            ? GoldenDatasetLoader.LoadAll([options.DatasetsFolder], options.DatasetLimits)
            : [];

    /// <summary>The names of the dataset files (valid or not), as <see cref="PathOf"/> finds them.</summary>
    public IEnumerable<string> Names() =>
        Directory.Exists(options.DatasetsFolder) ? GoldenDatasetLoader.FindFiles([options.DatasetsFolder]).Select(Path.GetFileNameWithoutExtension).OfType<string>() : [];

    /// <summary>The file of the dataset with this name (its file name without extension), or null.</summary>
    public string? PathOf(string name) =>
        Directory.Exists(options.DatasetsFolder)
            ? GoldenDatasetLoader.FindFiles([options.DatasetsFolder]).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == name)
            : null;
}
