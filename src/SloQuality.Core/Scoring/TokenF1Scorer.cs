using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>SQuAD token F1 against the best-matching expected answer; passes at the threshold.</summary>
public sealed class TokenF1Scorer(double threshold = 0.5, IReadOnlyList<string>? expected = null) : IScorer
{
    public string Name => "token-f1";

    public ScoreResult Score(GoldenItem item, string output)
    {
        var answers = expected ?? item.Reference;
        var outputTokens = TextNormalizer.Tokens(output);
        var best = answers.Count == 0 ? 0 : answers.Max(a => F1(outputTokens, TextNormalizer.Tokens(a)));
        return new ScoreResult(Name, best, best >= threshold, best >= threshold ? null : $"token F1 {best:0.00} < {threshold:0.00}");
    }

    /// <summary>Harmonic mean of token precision and recall, counting repeated tokens (a bag of words).</summary>
    public static double F1(IReadOnlyList<string> candidate, IReadOnlyList<string> reference)
    {
        if (candidate.Count == 0 || reference.Count == 0)
        {
            return candidate.Count == reference.Count ? 1 : 0;
        }

        // Answers are short: matching each candidate token against unused reference tokens beats
        // building a dictionary per comparison, and allocates nothing for up to 256 tokens.
        var used = reference.Count <= 256 ? stackalloc bool[reference.Count] : new bool[reference.Count];
        var common = 0;
        for (var i = 0; i < candidate.Count; i++)
        {
            var token = candidate[i];
            for (var j = 0; j < reference.Count; j++)
            {
                if (!used[j] && string.Equals(token, reference[j], StringComparison.Ordinal))
                {
                    used[j] = true;
                    common++;
                    break;
                }
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / candidate.Count;
        var recall = (double)common / reference.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
