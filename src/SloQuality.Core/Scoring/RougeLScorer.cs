using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>ROUGE-L F-measure (longest common subsequence of tokens) against the best expected answer.</summary>
public sealed class RougeLScorer(double threshold = 0.5, IReadOnlyList<string>? expected = null) : IScorer
{
    public string Name => "rouge-l";

    public ScoreResult Score(GoldenItem item, string output)
    {
        var answers = expected ?? item.Reference;
        var outputTokens = TextNormalizer.Tokens(output);
        var best = answers.Count == 0 ? 0 : answers.Max(a => FMeasure(outputTokens, TextNormalizer.Tokens(a)));
        return new ScoreResult(Name, best, best >= threshold, best >= threshold ? null : $"ROUGE-L {best:0.00} < {threshold:0.00}");
    }

    public static double FMeasure(IReadOnlyList<string> candidate, IReadOnlyList<string> reference)
    {
        if (candidate.Count == 0 || reference.Count == 0)
        {
            return 0;
        }

        // One row of the LCS table at a time: O(n·m) time, O(m) memory.
        var previous = new int[reference.Count + 1];
        var current = new int[reference.Count + 1];
        foreach (var token in candidate)
        {
            for (var j = 1; j <= reference.Count; j++)
            {
                current[j] = token == reference[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        var lcs = previous[reference.Count];
        if (lcs == 0)
        {
            return 0;
        }

        var precision = (double)lcs / candidate.Count;
        var recall = (double)lcs / reference.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
