using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// The default judgement of an item without <c>assert</c> (documented in the README):
/// <list type="number">
/// <item>the score is 1 when the normalised output contains a reference answer, otherwise the best
/// token F1 against any reference;</item>
/// <item>the key facts of the best-matching reference (its numbers and its capitalised names) must all
/// appear in the output, and the output must not match a known <c>incorrect</c> claim better than the
/// reference; otherwise the score is halved and the item fails, because a changed number or name
/// keeps a high word overlap while being wrong;</item>
/// <item>the item passes at a score of at least <see cref="PassThreshold"/>.</item>
/// </list>
/// </summary>
public sealed class ReferenceScorer : IScorer
{
    public const double PassThreshold = 0.5;

    public string Name => "reference";

    private static readonly ChoiceScorer Choice = new();

    public ScoreResult Score(GoldenItem item, string output)
    {
        // "A" is an article to the normaliser and an option to a multiple-choice item.
        if (item.Reference.Count > 0 && item.Reference.All(ChoiceScorer.IsOptionLabel))
        {
            return Choice.Score(item, output) with { Scorer = Name };
        }

        var evidence = ItemEvidence.For(item);
        var outputTokens = TextNormalizer.Tokens(output);
        var best = 0.0;
        ItemEvidence.Answer? bestReference = null;
        foreach (var reference in evidence.References)
        {
            var score = ContainsSequence(outputTokens, reference.Tokens)
                ? 1.0
                : TokenF1Scorer.F1(outputTokens, reference.Tokens);
            if (score > best || bestReference is null)
            {
                (best, bestReference) = (score, reference);
            }
        }

        if (bestReference is null)
        {
            return new ScoreResult(Name, 0, false, "the item has no reference answer");
        }

        var missing = bestReference.Facts.Where(f => !KeyFacts.Mentions(outputTokens, f)).ToList();
        var closestIncorrect = evidence.Incorrect
            .Select(claim => (claim.Text, f1: TokenF1Scorer.F1(outputTokens, claim.Tokens)))
            .OrderByDescending(c => c.f1)
            .FirstOrDefault();
        var matchesIncorrect = closestIncorrect.Text is not null && closestIncorrect.f1 > best && closestIncorrect.f1 >= PassThreshold;

        if (missing.Count > 0 || matchesIncorrect)
        {
            var reason = matchesIncorrect
                ? $"output matches the known-incorrect claim \"{closestIncorrect.Text}\""
                : $"key facts of the reference missing: {string.Join(", ", missing)}";
            return new ScoreResult(Name, best / 2, false, reason);
        }

        return new ScoreResult(Name, best, best >= PassThreshold,
            best >= PassThreshold ? null : $"output is far from every reference (best token F1 {best:0.00})");
    }

    /// <summary>True when <paramref name="needle"/> occurs as a run of whole tokens in <paramref name="haystack"/>.</summary>
    internal static bool ContainsSequence(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        if (needle.Count == 0 || needle.Count > haystack.Count)
        {
            return false;
        }

        for (var start = 0; start + needle.Count <= haystack.Count; start++)
        {
            var i = 0;
            while (i < needle.Count && string.Equals(haystack[start + i], needle[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i == needle.Count)
            {
                return true;
            }
        }

        return false;
    }
}
