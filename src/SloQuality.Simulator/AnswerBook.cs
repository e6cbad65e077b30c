using System.Collections.Concurrent;
using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Simulator;

/// <summary>
/// The golden items the simulator knows, found by their prompt (the normalised last user message),
/// as a real model would only see the prompt.
/// </summary>
public sealed class AnswerBook
{
    private readonly ConcurrentDictionary<string, GoldenItem> byPrompt = new(StringComparer.Ordinal);

    public int Count => byPrompt.Count;

    public void Add(GoldenDataset dataset)
    {
        foreach (var item in dataset.Items)
        {
            byPrompt.TryAdd(Key(item.Prompt), item);
        }
    }

    /// <summary>Adds every valid dataset in the folders; invalid files are skipped (validation reports them).</summary>
    public void AddFolders(IEnumerable<string> folders)
    {
        foreach (var file in GoldenDatasetLoader.FindFiles(folders.Where(Directory.Exists)))
        {
            if (GoldenDatasetLoader.Load(file).Dataset is { } dataset)
            {
                Add(dataset);
            }
        }
    }

    public GoldenItem? Find(string prompt) => byPrompt.GetValueOrDefault(Key(prompt));

    private static string Key(string prompt) => TextNormalizer.Normalize(prompt);
}
