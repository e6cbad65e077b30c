namespace SloQuality.Core.Evaluation;

/// <summary>
/// The scored result of one item in one run (contract 3's <c>items.jsonl</c> line). Written once per
/// (run, item, repeat): a retried job never counts an item twice.
/// </summary>
public sealed record ItemResult
{
    public required string RunId { get; init; }

    public required string ItemId { get; init; }

    public int RepeatIndex { get; init; }

    public string Output { get; init; } = string.Empty;

    /// <summary>Null when the item failed (errors are excluded from correctness).</summary>
    public bool? Correct { get; init; }

    public double? CorrectnessScore { get; init; }

    public bool? Hallucinated { get; init; }

    public double? HallucinationScore { get; init; }

    public double? DriftSimilarity { get; init; }

    public double? TtftMs { get; init; }

    public double? TotalMs { get; init; }

    public IReadOnlyList<double> GapsMs { get; init; } = [];

    public int? PromptTokens { get; init; }

    public int? OutputTokens { get; init; }

    public string? FinishReason { get; init; }

    /// <summary>The failure kind's name (<c>timeout</c>, <c>http_error</c>, ...) or null.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>A short text, or null when the item succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>True when the failure means the service was unavailable (see <c>ReplayFailure</c>).</summary>
    public bool Unavailable { get; init; }

    public int Attempts { get; init; } = 1;

    /// <summary>Why the item was judged incorrect or hallucinated.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    public IReadOnlyList<string> UnsupportedClaims { get; init; } = [];

    public DateTimeOffset CompletedAt { get; init; }
}
