using System.Numerics.Tensors;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// Features of a claim against the statements that support it, one statement at a time: whether one
/// sentence of the evidence says all of it (a faithful answer usually restates one sentence; a swapped
/// entity takes its words from two), whether its wording is copied, whether its facts sit with the words
/// they belong to, whether it speaks of the speaker ("I loved that film" is attributable to nothing), and
/// whether its yes or no contradicts the reference's.
/// </summary>
public static class GroundingFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "best_sentence_share", "words_moved", "pair_share", "facts_unbound", "first_person", "stance_conflict", "has_reference", "name_swapped",
        "question_form", "neg_mismatch_best", "unit_unbound", "novel_unmatched", "novel_unmatched_share",
    ];

    /// <summary>How close (cosine) a novel word must come to a word of the evidence to count as its synonym.</summary>
    public const float Synonym = 0.55f;

    private static readonly HashSet<string> FirstPerson = new(StringComparer.Ordinal) { "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "im", "ive" };

    /// <param name="words">The claim's content words that are not the question's.</param>
    public static IEnumerable<float> Compute(Evidence claim, IReadOnlyList<string> words, Evidence? nearestReference, EvidenceSet evidence)
    {
        var distinct = words.Distinct(StringComparer.Ordinal).ToList();
        var (bestShare, best) = BestSentence(distinct, evidence.Support);
        yield return bestShare;
        yield return distinct.Count == 0 || best is null ? 0 : (float)distinct.Count(w => !best.WordSet.Contains(w) && evidence.SupportWords.Contains(w)) / distinct.Count;
        var pairs = EvidenceSet.Pairs(claim.Tokens).ToList();
        yield return pairs.Count == 0 ? 1 : (float)pairs.Count(evidence.SupportPairs.Contains) / pairs.Count;
        yield return UnboundFacts(claim, distinct, bestShare, evidence);
        yield return claim.Tokens.Any(FirstPerson.Contains) ? 1 : 0;
        yield return claim.Lead != 0 && nearestReference is { Lead: not 0 } r && r.Lead != claim.Lead ? 1 : 0;
        yield return evidence.References.Count > 0 ? 1 : 0;
        yield return NameSwapped(claim, evidence) ? 1 : 0;
        yield return claim.Asks ? 1 : 0;
        yield return best is not null && best.Negated != claim.Negated ? 1 : 0;
        yield return UnboundUnits(claim, evidence);
        var unmatched = claim.NovelWords.Count(w => !HasSynonym(w, evidence));
        yield return unmatched;
        yield return distinct.Count == 0 ? 0 : (float)unmatched / distinct.Count;
    }

    /// <summary>Whether a word of the evidence comes close enough to this one to count as its synonym.</summary>
    public static bool HasSynonym(NovelWord word, EvidenceSet evidence) =>
        evidence.Vocabulary.Any(v => TensorPrimitives.Dot(word.Embedding.Span, v.Span) >= Synonym);

    /// <summary>The claim's words, unstemmed, whose stem neither the evidence nor the question holds: what is embedded word by word.</summary>
    public static IEnumerable<string> NovelWordsOf(string claim, EvidenceSet evidence) =>
        Text.TextNormalizer.Tokens(claim).Where(t => ContentWords.Of(t) is [var stem] && !evidence.SupportWords.Contains(stem) && !evidence.QuestionWords.Contains(stem) && !char.IsDigit(t[0])).Distinct(StringComparer.Ordinal);

    /// <summary>The support's distinct content words, unstemmed.</summary>
    public static IEnumerable<string> VocabularyOf(IEnumerable<string> texts) =>
        texts.SelectMany(Text.TextNormalizer.Tokens).Where(t => !char.IsDigit(t[0]) && ContentWords.Of(t).Count > 0).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The share of the claim's quantities ("30 days", "11 am") whose number the evidence states with a
    /// different word after it, and never with this one: a changed unit leaves the number where it was.
    /// </summary>
    private static float UnboundUnits(Evidence claim, EvidenceSet evidence)
    {
        var tokens = claim.Tokens;
        var (quantities, unbound) = (0, 0);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!char.IsDigit(tokens[i][0]) || char.IsDigit(tokens[i + 1][0]))
            {
                continue;
            }

            var followers = evidence.Support.SelectMany(s => Followers(s.Tokens, tokens[i])).ToHashSet(StringComparer.Ordinal);
            if (followers.Count == 0)
            {
                continue;
            }

            quantities++;
            unbound += followers.Contains(tokens[i + 1]) ? 0 : 1;
        }

        return quantities == 0 ? 0 : (float)unbound / quantities;
    }

    private static IEnumerable<string> Followers(IReadOnlyList<string> tokens, string number)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] == number)
            {
                yield return tokens[i + 1];
            }
        }
    }

    /// <summary>The statement holding the largest share of the claim's words, and that share (1 for a claim with no words of its own).</summary>
    private static (float Share, Evidence? Best) BestSentence(IReadOnlyList<string> words, IReadOnlyList<Evidence> support)
    {
        if (words.Count == 0)
        {
            return (1, null);
        }

        var (best, bestCount) = ((Evidence?)null, -1);
        foreach (var s in support)
        {
            var count = words.Count(s.WordSet.Contains);
            if (count > bestCount)
            {
                (best, bestCount) = (s, count);
            }
        }

        return (best is null ? 0 : (float)bestCount / words.Count, best);
    }

    /// <summary>
    /// The share of the claim's supported facts found only in statements that hold fewer of its other
    /// words than the best one: "Express delivery takes 3 to 5 days" when 3 to 5 days is the standard's.
    /// </summary>
    private static float UnboundFacts(Evidence claim, IReadOnlyList<string> words, float bestShare, EvidenceSet evidence)
    {
        var facts = claim.Facts.Where(f => KeyFacts.Mentions(evidence.SupportTokens, f)).ToList();
        if (facts.Count == 0 || words.Count == 0)
        {
            return 0;
        }

        var unbound = 0;
        foreach (var fact in facts)
        {
            var holders = evidence.Support.Where(s => KeyFacts.Mentions(s.Tokens as IReadOnlyCollection<string>, fact)).ToList();
            var share = holders.Count == 0 ? 0 : holders.Max(s => (float)words.Count(s.WordSet.Contains) / words.Count);
            unbound += share + 1e-6 < bestShare ? 1 : 0;
        }

        return (float)unbound / facts.Count;
    }

    /// <summary>
    /// Without known mistakes to compare with, a claim that swaps the evidence's names for names found
    /// nowhere (not in the evidence, not in the question) while naming none of the evidence's names.
    /// </summary>
    private static bool NameSwapped(Evidence claim, EvidenceSet evidence)
    {
        if (evidence.Incorrect.Count > 0)
        {
            return false;
        }

        var referenced = evidence.SupportNames;
        if (referenced.Count == 0)
        {
            return false;
        }

        var claimed = ContentWords.Names(claim.Text).Where(n => !evidence.QuestionWords.Contains(ContentWords.Stem(n))).ToList();
        return claimed.Any(n => !evidence.SupportTokens.Contains(n) && !evidence.CounterTokens.Contains(n)) && !claimed.Any(referenced.Contains);
    }
}
