namespace SloQuality.Inference.Timing;

/// <summary>
/// What the wire showed for one HTTP attempt, in <see cref="System.Diagnostics.Stopwatch"/> ticks:
/// when the request left, when headers came back, and when each server-sent event carrying content
/// arrived. Filled by <see cref="TimingHandler"/> as bytes arrive, before any parser sees them.
/// </summary>
internal sealed class StreamTiming
{
    private readonly List<long> contentEvents = new(64);

    /// <summary>
    /// When the request body began to be written: the connection is open by then, so neither its
    /// set-up nor the first call's costs in the HTTP stack count as waiting for the first token.
    /// </summary>
    public long RequestStartedAt { get; set; }

    /// <summary>When the request entered our handler; up to <see cref="RequestStartedAt"/> is connection set-up.</summary>
    public long HandlerEnteredAt { get; set; }

    public long HeadersAt { get; set; }

    public long LastDataAt { get; set; }

    public int? StatusCode { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public IReadOnlyList<long> ContentEvents => contentEvents;

    public void AddContentEvent(long timestamp) => contentEvents.Add(timestamp);
}
