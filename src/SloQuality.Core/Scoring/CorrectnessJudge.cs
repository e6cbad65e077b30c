using System.Runtime.CompilerServices;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>
/// Decides <c>correct</c> and <c>correctness_score</c> for an item: with assertions, every assertion
/// must pass and the score is their weighted mean; without, unanswerable items need an abstention and
/// the rest are judged by <see cref="ReferenceScorer"/>. A grounded item (context only) has no verdict.
/// </summary>
public sealed class CorrectnessJudge
{
    private static readonly ReferenceScorer Reference = new();
    private static readonly AbstentionScorer Abstention = new();

    // Scorers are built once per assertion (a compiled regex, a parsed schema), not once per output.
    private readonly ConditionalWeakTable<AssertionSpec, IScorer> scorers = new();

    /// <summary>The verdict, or null for a grounded item (a context and nothing to be correct against).</summary>
    public CorrectnessVerdict? Judge(GoldenItem item, string output)
    {
        if (item.Grounded)
        {
            return null;
        }

        if (item.Assertions.Count == 0)
        {
            var result = (item.Answerable ? (IScorer)Reference : Abstention).Score(item, output);
            return new CorrectnessVerdict(result.Passed, result.Score, [result]);
        }

        var results = new List<ScoreResult>(item.Assertions.Count);
        double weighted = 0, weights = 0;
        foreach (var spec in item.Assertions)
        {
            var score = scorers.GetValue(spec, AssertionCatalog.Create).Score(item, output);
            results.Add(score);
            weighted += score.Score * spec.Weight;
            weights += spec.Weight;
        }

        return new CorrectnessVerdict(results.TrueForAll(r => r.Passed), weighted / weights, results);
    }
}
