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

    /// <summary>
    /// Whether the item's meaning shifted under the profile (a stable draw per (seed, prompt), so every
    /// repeat agrees), and if so another answerable item's reference to answer with instead.
    /// </summary>
    public string? ShiftedAnswer(GoldenItem item, SimulatorProfile profile)
    {
        if (profile.MeaningShiftRate <= 0 || !item.Answerable)
        {
            return null;
        }

        var key = Key(item.Prompt);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"shift\u0001{profile.Seed}\u0001{key}"));
        if (BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue >= profile.MeaningShiftRate)
        {
            return null;
        }

        var others = byPrompt.Where(kv => kv.Key != key && kv.Value.Answerable && kv.Value.Reference.Count > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value.Reference[0])
            .ToList();
        return others.Count == 0 ? null : others[(int)(BitConverter.ToUInt32(hash, 4) % (uint)others.Count)];
    }

    private static string Key(string prompt) => TextNormalizer.Normalize(prompt);
}
