using System.Collections.Concurrent;

namespace SloQuality.Simulator;

/// <summary>
/// The server-side <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of every flushed content
/// chunk, by response id, so that a client's measured time to first token can be checked against the
/// moment the bytes left. The clock is monotonic and machine-wide, so other processes can compare.
/// Keeps the most recent <see cref="Capacity"/> responses.
/// </summary>
public sealed class FlushLog
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, List<long>> flushes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public void Start(string responseId)
    {
        flushes[responseId] = [];
        order.Enqueue(responseId);
        while (order.Count > Capacity && order.TryDequeue(out var oldest))
        {
            flushes.TryRemove(oldest, out _);
        }
    }

    public void Record(string responseId, long timestamp)
    {
        if (flushes.TryGetValue(responseId, out var list))
        {
            lock (list)
            {
                list.Add(timestamp);
            }
        }
    }

    /// <summary>The first content flush of every retained response that sent one.</summary>
    public IReadOnlyDictionary<string, long> FirstFlushes() =>
        flushes.Select(f => (f.Key, First: Get(f.Key) is [var first, ..] ? first : 0))
            .Where(f => f.First != 0)
            .ToDictionary(f => f.Key, f => f.First, StringComparer.Ordinal);

    /// <summary>The content-chunk flush timestamps of a response, or null when it is not known.</summary>
    public IReadOnlyList<long>? Get(string responseId)
    {
        if (!flushes.TryGetValue(responseId, out var list))
        {
            return null;
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
