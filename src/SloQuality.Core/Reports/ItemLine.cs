using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Reports;

/// <summary>One line of <c>items.jsonl</c>, with the field names contract 3 fixes.</summary>
public sealed record ItemLine(
    string Id,
    int Repeat,
    string Output,
    bool? Correct,
    double? CorrectnessScore,
    bool? Hallucinated,
    double? HallucinationScore,
    double? DriftSimilarity,
    double? TtftMs,
    double? TotalMs,
    IReadOnlyList<double> InterTokenGapsMs,
    int? PromptTokens,
    int? OutputTokens,
    string? FinishReason,
    string? Error,
    string? ErrorKind,
    int Attempts,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> UnsupportedClaims)
{
    public static ItemLine From(ItemResult r) => new(
        r.ItemId,
        r.RepeatIndex,
        r.Output,
        r.Correct,
        r.CorrectnessScore,
        r.Hallucinated,
        r.HallucinationScore,
        r.DriftSimilarity,
        Round(r.TtftMs),
        Round(r.TotalMs),
        r.GapsMs.Select(g => Math.Round(g, 3)).ToList(),
        r.PromptTokens,
        r.OutputTokens,
        r.FinishReason,
        r.Error,
        r.ErrorKind,
        r.Attempts,
        r.Reasons,
        r.UnsupportedClaims);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
