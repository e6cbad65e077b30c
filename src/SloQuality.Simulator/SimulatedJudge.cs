using System.Text.Json;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;

namespace SloQuality.Simulator;

/// <summary>
/// The simulator as a fact-checking judge: it reads the sections of the judge prompt (EVIDENCE,
/// KNOWN FALSE, ANSWER), splits the answer into claims and calls each supported when most of its words
/// are in the evidence and it is not closer to a known-false statement, contradicted when it is closer
/// to one, unsupported otherwise; it answers in the judge's JSON. Deterministic, so tests know what to expect.
/// </summary>
internal static class SimulatedJudge
{
    public static string Verdict(string prompt)
    {
        var evidence = Section(prompt, "EVIDENCE:", "KNOWN FALSE:");
        var knownFalse = Section(prompt, "KNOWN FALSE:", "ANSWER:");
        var answer = Section(prompt, "ANSWER:", "Reply with");
        var evidenceTokens = TextNormalizer.Tokens(evidence).ToHashSet(StringComparer.Ordinal);
        var falseLines = knownFalse.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l != "(none)").ToList();
        var claims = Sentences.Split(answer).Where(c => c.Any(char.IsLetterOrDigit)).Select(claim =>
        {
            var tokens = TextNormalizer.Tokens(claim);
            var found = tokens.Count == 0 ? 0 : tokens.Count(evidenceTokens.Contains) / (double)tokens.Count;
            var closestFalse = falseLines.Count == 0 ? 0 : falseLines.Max(f => TokenF1Scorer.F1(tokens, TextNormalizer.Tokens(f)));
            var closestTrue = TokenF1Scorer.F1(tokens, TextNormalizer.Tokens(evidence));
            var verdict = closestFalse >= 0.5 && closestFalse > closestTrue ? "contradicted" : found >= 0.6 && KeyFacts.Of(claim).All(f => KeyFacts.Mentions(evidenceTokens, f)) ? "supported" : "unsupported";
            return new { claim, verdict };
        }).ToList();
        return JsonSerializer.Serialize(new { claims });
    }

    private static string Section(string prompt, string start, string end)
    {
        var from = prompt.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return string.Empty;
        }

        from += start.Length;
        var to = prompt.IndexOf(end, from, StringComparison.Ordinal);
        return prompt[from..(to < 0 ? prompt.Length : to)].Trim();
    }
}
