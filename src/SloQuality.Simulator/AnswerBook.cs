using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Simulator;

/// <summary>
/// The golden items the simulator knows, found by their prompt (the normalised last user message),
/// as a real model would only see the prompt. Folders are read as they are now: when a file in one is
/// added, changed or removed (checked at most every <see cref="CheckInterval"/>), the book is read
/// again, so a dataset dropped into a running service is answered at once, not after a restart.
/// </summary>
public sealed class AnswerBook
{
    /// <summary>How often a lookup may look at the folders' files (names, sizes, write times).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock sync = new();
    private readonly List<object> sources = [];
    private volatile IReadOnlyDictionary<string, GoldenItem> byPrompt = new Dictionary<string, GoldenItem>(StringComparer.Ordinal);
    private string fingerprint = string.Empty;
    private long checkedAt;

    public int Count => Current.Count;

    public void Add(GoldenDataset dataset) => AddSource(dataset);

    /// <summary>Adds every valid dataset in the folders, now and as they change; invalid files are skipped (validation reports them).</summary>
    public void AddFolders(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            AddSource(Path.GetFullPath(folder));
        }
    }

    /// <summary>
    /// The item with this prompt. A prompt not in the book looks at the folders at once, whenever they
    /// were last looked at: a run of a dataset dropped in a moment ago must not get declines for the
    /// items asked within <see cref="CheckInterval"/> of the previous look.
    /// </summary>
    public GoldenItem? Find(string prompt)
    {
        var key = Key(prompt);
        if (Current.GetValueOrDefault(key) is { } item)
        {
            return item;
        }

        lock (sync)
        {
            Interlocked.Exchange(ref checkedAt, Environment.TickCount64);
            if (sources.OfType<string>().Any() && Fingerprint() is var current && current != fingerprint)
            {
                Rebuild(current);
            }

            return byPrompt.GetValueOrDefault(key);
        }
    }

    private IReadOnlyDictionary<string, GoldenItem> Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref checkedAt) < CheckInterval.TotalMilliseconds)
            {
                return byPrompt;
            }

            lock (sync)
            {
                if (now - checkedAt < CheckInterval.TotalMilliseconds)
                {
                    return byPrompt;
                }

                Interlocked.Exchange(ref checkedAt, now);
                if (Fingerprint() is var current && current != fingerprint)
                {
                    Rebuild(current);
                }

                return byPrompt;
            }
        }
    }

    private void AddSource(object source)
    {
        lock (sync)
        {
            sources.Add(source);
            Rebuild(Fingerprint());
        }
    }

    /// <summary>Every source in the order added; the first item with a prompt keeps it.</summary>
    private void Rebuild(string current)
    {
        var book = new Dictionary<string, GoldenItem>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var datasets = source is GoldenDataset dataset ? [dataset]
                : Directory.Exists((string)source) ? GoldenDatasetLoader.LoadAll([(string)source]).Select(r => r.Dataset).OfType<GoldenDataset>()
                : [];
            foreach (var item in datasets.SelectMany(d => d.Items))
            {
                book.TryAdd(Key(item.Prompt), item);
            }
        }

        byPrompt = book;
        fingerprint = current;
    }

    private string Fingerprint()
    {
        var text = new System.Text.StringBuilder();
        foreach (var folder in sources.OfType<string>().Where(Directory.Exists))
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                text.Append(file.Name).Append('\u0001').Append(file.Length).Append('\u0001').Append(file.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }

        return text.ToString();
    }

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

        var answerable = Current.Where(kv => kv.Value.Answerable && kv.Value.Reference.Count > 0)
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
