namespace SloQuality.Core.Replay;

/// <summary>
/// What one call of a model for one item produced: the output and how long it took. Times are in
/// milliseconds from sending the request; <see cref="GapsMs"/> are the gaps between content chunks.
/// </summary>
public sealed record ReplayResult
{
    public string Output { get; init; } = string.Empty;

    public double? TtftMs { get; init; }

    /// <summary>
    /// Connection set-up and the HTTP stack's own start before the request was written: kept apart
    /// so the first request of a run does not inflate its time to first token.
    /// </summary>
    public double? SetupMs { get; init; }

    public IReadOnlyList<double> GapsMs { get; init; } = [];

    public double? TotalMs { get; init; }

    public int? PromptTokens { get; init; }

    public int? OutputTokens { get; init; }

    public string? FinishReason { get; init; }

    public ReplayFailure? Failure { get; init; }

    /// <summary>How many requests were sent, retries included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the first content arrived: a
    /// monotonic, machine-wide clock, so it can be set against a server's own log on the same machine.
    /// </summary>
    public long? FirstTokenTimestamp { get; init; }

    /// <summary>The provider's response id, when it gave one.</summary>
    public string? ResponseId { get; init; }
}
