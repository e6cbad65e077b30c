namespace SloQuality.Inference.Timing;

/// <summary>
/// What the wire showed for one HTTP attempt, in <see cref="System.Diagnostics.Stopwatch"/> ticks:
/// when the request left, when headers came back, and when each server-sent event carrying content
/// arrived. Filled by <see cref="TimingHandler"/> as bytes arrive, before any parser sees them.
/// </summary>
internal sealed class StreamTiming
{
    private readonly List<long> contentEvents = new(64);

    public long RequestStartedAt { get; set; }

    public long HeadersAt { get; set; }

    public long LastDataAt { get; set; }

    public int? StatusCode { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public IReadOnlyList<long> ContentEvents => contentEvents;

    public void AddContentEvent(long timestamp) => contentEvents.Add(timestamp);
}
