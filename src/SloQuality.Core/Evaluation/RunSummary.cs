using SloQuality.Core.Statistics;

namespace SloQuality.Core.Evaluation;

/// <summary>A run's figures (contract 3's <c>summary.json</c>). Every rate carries its interval and count.</summary>
public sealed record RunSummary
{
    public required string RunId { get; init; }

    public required DatasetInfo Dataset { get; init; }

    public required ModelInfo Model { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public double DurationSeconds { get; init; }

    public int Repeat { get; init; } = 1;

    public required ItemCounts Items { get; init; }

    /// <summary>Correct outputs among the items that got an answer and have a correctness (failures and grounded items excluded).</summary>
    public required RateEstimate Correctness { get; init; }

    /// <summary>Hallucinated outputs among the items that got an answer: the detector's rate, its self-check and, with enough human labels, the corrected rate.</summary>
    public required Hallucination.HallucinationRate Hallucination { get; init; }

    /// <summary>Items the service answered (no server error, rate limit, timeout or broken connection).</summary>
    public required RateEstimate Availability { get; init; }

    /// <summary>Items that ended with a complete answer (no failure of any kind).</summary>
    public required RateEstimate SuccessRate { get; init; }

    public required LatencySummary Latency { get; init; }

    public required TokenSummary Tokens { get; init; }

    /// <summary>Drift against the approved baseline; null until a baseline exists.</summary>
    public Drift.DriftAssessment? Drift { get; init; }

    /// <summary>pass@1, pass^K and flaky items when each item was sent more than once; null otherwise.</summary>
    public RepeatStatistics? Repeats { get; init; }

    /// <summary>How an LLM judge agreed with the local detector, when one was asked (<c>--judge</c>).</summary>
    public Judge.JudgeAgreement? Judge { get; init; }

    public sealed record DatasetInfo(string Name, string Path, string ContentHash, int Items);

    public sealed record ModelInfo(string Target, string Provider, string? ModelId);

    public sealed record ItemCounts(int Planned, int Completed, int Failed, IReadOnlyDictionary<string, int> ErrorsByKind);

    public sealed record LatencySummary(
        QuantileEstimate TtftP50,
        QuantileEstimate TtftP90,
        QuantileEstimate TtftP99,
        QuantileEstimate InterTokenP50,
        QuantileEstimate InterTokenP99,
        QuantileEstimate TotalP50,
        QuantileEstimate TotalP99);

    /// <summary>
    /// Token figures: the run's output tokens per second of wall time, and the median per-request
    /// decode speed (output tokens after the first, over the time after the first token).
    /// </summary>
    public sealed record TokenSummary(long PromptTokens, long OutputTokens, double? ThroughputTokensPerSecond, double? DecodeTokensPerSecondP50);
}
