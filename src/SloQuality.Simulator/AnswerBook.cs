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
        foreach (var dataset in GoldenDatasetLoader.LoadAll(folders.Where(Directory.Exists)).Select(r => r.Dataset).OfType<GoldenDataset>())
        {
            Add(dataset);
        }
    }

    public GoldenItem? Find(string prompt) => byPrompt.GetValueOrDefault(Key(prompt));

    /// <summary>
    /// Whether the item's meaning shifted under the profile, and if so another answerable item's
    /// reference to answer with instead. Exactly the profile's share of the answerable items shifts (the
    /// ones with the lowest (seed, prompt) hash), so "15% of the items" is 15%, and every repeat agrees.
    /// </summary>
    public string? ShiftedAnswer(GoldenItem item, SimulatorProfile profile)
    {
        if (profile.MeaningShiftRate <= 0 || !item.Answerable)
        {
            return null;
        }

        var answerable = byPrompt.Where(kv => kv.Value.Answerable && kv.Value.Reference.Count > 0)
            .Select(kv => (kv.Key, kv.Value.Reference[0], Hash: ShiftHash(profile.Seed, kv.Key)))
            .OrderBy(x => x.Hash)
            .ToList();
        var shifted = (int)Math.Round(profile.MeaningShiftRate * answerable.Count, MidpointRounding.AwayFromZero);
        var key = Key(item.Prompt);
        var rank = answerable.FindIndex(x => x.Key == key);
        if (rank < 0 || rank >= shifted || answerable.Count < 2)
        {
            return null;
        }

        // Another item's answer, picked by the hash: a different meaning, the same for every repeat.
        var other = answerable[(rank + 1 + (int)(answerable[rank].Hash % (ulong)(answerable.Count - 1))) % answerable.Count];
        return other.Item2;
    }

    private static ulong ShiftHash(int seed, string key) =>
        BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"shift\u0001{seed}\u0001{key}")), 0);

    private static string Key(string prompt) => TextNormalizer.Normalize(prompt);
}
