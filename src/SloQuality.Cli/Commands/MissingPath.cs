using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Cli.Commands;

/// <summary>
/// " (did you mean 'golden-datasets/factual-qa.jsonl'?)" for a dataset path that does not exist: the
/// closest dataset file or folder beside where it points, spelt as the user spelt the folder.
/// </summary>
internal static class MissingPath
{
    public static string Suggestion(string path)
    {
        var folder = Path.GetDirectoryName(path);
        var look = string.IsNullOrEmpty(folder) ? "." : folder;
        if (!Directory.Exists(look))
        {
            return string.Empty;
        }

        var names = Directory.EnumerateFiles(look).Where(GoldenDatasetLoader.IsDatasetFile).Concat(Directory.EnumerateDirectories(look)).Select(Path.GetFileName).OfType<string>();
        return DidYouMean.Closest(Path.GetFileName(path), names) is { } name
            ? $" (did you mean '{(string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name))}'?)"
            : string.Empty;
    }
}
