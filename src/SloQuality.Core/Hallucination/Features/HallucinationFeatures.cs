using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// The numbers the trained detector sees for one claim against its evidence: how close it is in
/// meaning (embedding cosine) and in words (content-word F1, question words left out) to the best
/// reference and to the best known-incorrect claim, which of its words only the evidence or only the
/// counter-evidence holds, negation mismatch with the closest of each, key facts (numbers, names)
/// absent from the evidence, and hedging or abstention. Nothing here sees the label; lengths are
/// left out unless asked for (they separate some public datasets by accident).
/// </summary>
public static partial class HallucinationFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "sim_ref_max", "sim_incorrect_max", "sim_margin", "sim_context_max", "sim_support_max", "sim_ref_mean", "sim_incorrect_mean", "nearest_is_ref",
        "f1_ref_max", "f1_incorrect_max", "f1_margin", "cover_ref_best", "cover_incorrect_best",
        "words_support_only", "words_counter_only", "words_novel",
        "neg_mismatch_ref", "neg_mismatch_incorrect", "facts_absent", "facts_counter_only",
        "abstains", "hedges", "has_incorrect", "has_context",
        "vote_sharp", "vote_soft", "sim_ref_top2", "sim_incorrect_top2", "polarity_match_ref", "polarity_match_incorrect",
        "centred_ref_max", "centred_incorrect_max", "centred_margin", "centred_vote",
        "gist_ref_max", "gist_incorrect_max", "gist_margin", "gist_vote",
        "names_absent", "names_absent_share",
        .. GroundingFeatures.Names,
        "restates_faithfully", "contradicts",
    ];

    public const string LengthName = "words";

    public static int Count(bool withLength) => Names.Count + (withLength ? 1 : 0);

    /// <param name="restates">The claim faithfully restates one statement of the evidence (<see cref="Paraphrase"/>).</param>
    /// <param name="contradicts">The claim crisply contradicts the evidence (<see cref="Contradictions.Find"/>).</param>
    public static float[] Compute(Evidence output, EvidenceSet evidence, bool withLength = false, bool restates = false, bool contradicts = false)
    {
        var (claim, embedding) = (output.Text, output.Embedding);
        var words = ContentWords.Of(claim).Where(w => !evidence.QuestionWords.Contains(w)).ToList();
        var (simRef, nearestRef, meanRef) = Nearest(embedding, evidence.References);
        var (simIncorrect, nearestIncorrect, meanIncorrect) = Nearest(embedding, evidence.Incorrect);
        var (simContext, _, _) = Nearest(embedding, evidence.Context);
        var supportWords = evidence.SupportWords;
        var counterWords = evidence.CounterWords;
        var f1Ref = evidence.References.Count == 0 ? 0 : evidence.References.Max(r => F1(words, Answer(r, evidence)));
        var f1Incorrect = evidence.Incorrect.Count == 0 ? 0 : evidence.Incorrect.Max(r => F1(words, Answer(r, evidence)));
        var negated = ContentWords.Negated(claim);
        var facts = KeyFacts.Of(claim);
        var supportTokens = evidence.SupportTokens;
        var counterTokens = evidence.CounterTokens;
        var absent = facts.Count(f => !KeyFacts.Mentions(supportTokens, f));
        var counterOnly = facts.Count(f => !KeyFacts.Mentions(supportTokens, f) && KeyFacts.Mentions(counterTokens, f));
        var n = Math.Max(1, words.Count);
        var features = new List<float>(Count(withLength))
        {
            simRef, simIncorrect, simRef - simIncorrect, simContext, Math.Max(simRef, simContext), meanRef, meanIncorrect,
            evidence.References.Count > 0 && (evidence.Incorrect.Count == 0 || simRef >= simIncorrect) ? 1 : 0,
            (float)f1Ref, (float)f1Incorrect, (float)(f1Ref - f1Incorrect),
            Cover(words, nearestRef, evidence), Cover(words, nearestIncorrect, evidence),
            (float)words.Count(w => supportWords.Contains(w) && !counterWords.Contains(w)) / n,
            (float)words.Count(w => counterWords.Contains(w) && !supportWords.Contains(w)) / n,
            (float)words.Count(w => !counterWords.Contains(w) && !supportWords.Contains(w)) / n,
            nearestRef is null ? 0 : nearestRef.Negated != negated ? 1 : 0,
            nearestIncorrect is null ? 0 : nearestIncorrect.Negated != negated ? 1 : 0,
            facts.Count == 0 ? 0 : (float)absent / facts.Count,
            counterOnly > 0 ? 1 : 0,
            AbstentionScorer.IsAbstention(claim) ? 1 : 0,
            HedgeCue().IsMatch(claim) ? 1 : 0,
            evidence.Incorrect.Count > 0 ? 1 : 0,
            evidence.Context.Count > 0 ? 1 : 0,
            Vote(embedding, evidence, 0.03f), Vote(embedding, evidence, 0.1f),
            TopTwo(embedding, evidence.References), TopTwo(embedding, evidence.Incorrect),
            nearestRef is null ? 0 : output.Lead == nearestRef.Lead ? 1 : 0,
            nearestIncorrect is null ? 0 : output.Lead == nearestIncorrect.Lead ? 1 : 0,
        };
        features.AddRange(Centred(embedding, evidence));
        features.AddRange(GistSimilarities(output.Gist, evidence));
        var names = ContentWords.Names(claim).Where(n => !evidence.QuestionWords.Contains(ContentWords.Stem(n))).ToList();
        var absentNames = names.Count(n => !supportTokens.Contains(n));
        features.Add(absentNames);
        features.Add(names.Count == 0 ? 0 : (float)absentNames / names.Count);
        features.AddRange(GroundingFeatures.Compute(output, words, nearestRef, evidence));
        features.Add(restates ? 1 : 0);
        features.Add(contradicts ? 1 : 0);
        if (withLength)
        {
            features.Add(Text.TextNormalizer.Tokens(claim).Count);
        }

        return [.. features];
    }

    private static (float Max, Evidence? Nearest, float Mean) Nearest(ReadOnlyMemory<float> embedding, IReadOnlyList<Evidence> list)
    {
        if (list.Count == 0)
        {
            return (0, null, 0);
        }

        var (best, bestIndex, sum) = (float.MinValue, 0, 0f);
        for (var i = 0; i < list.Count; i++)
        {
            var cosine = TensorPrimitives.Dot(embedding.Span, list[i].Embedding.Span);
            sum += cosine;
            if (cosine > best)
            {
                (best, bestIndex) = (cosine, i);
            }
        }

        return (best, list[bestIndex], sum / list.Count);
    }

    /// <summary>
    /// Similarities after taking away what every answer to the question shares (the mean of the
    /// references and the incorrect claims): the topic drops out and what the answers differ in stays.
    /// </summary>
    private static float[] Centred(ReadOnlyMemory<float> embedding, EvidenceSet evidence)
    {
        var all = evidence.References.Concat(evidence.Incorrect).ToList();
        if (evidence.References.Count == 0 || evidence.Incorrect.Count == 0)
        {
            return [0, 0, 0, evidence.References.Count > 0 ? 1 : 0];
        }

        var mean = new float[embedding.Length];
        foreach (var e in all)
        {
            TensorPrimitives.Add(mean, e.Embedding.Span, mean);
        }

        TensorPrimitives.Divide(mean, all.Count, mean);
        float[] Centre(ReadOnlySpan<float> v)
        {
            var c = new float[v.Length];
            TensorPrimitives.Subtract(v, mean, c);
            return c;
        }

        var candidate = Centre(embedding.Span);
        float Cos(Evidence e)
        {
            var c = Centre(e.Embedding.Span);
            var norms = TensorPrimitives.Norm(candidate) * TensorPrimitives.Norm(c);
            return norms <= 1e-9f ? 0 : TensorPrimitives.Dot(candidate, c) / norms;
        }

        var refs = evidence.References.Select(Cos).ToList();
        var incorrect = evidence.Incorrect.Select(Cos).ToList();
        var support = refs.Sum(c => Math.Exp(c / 0.1));
        return [refs.Max(), incorrect.Max(), refs.Max() - incorrect.Max(), (float)(support / (support + incorrect.Sum(c => Math.Exp(c / 0.1))))];
    }

    /// <summary>Similarities of what the claim adds to its question with what each statement adds (see <see cref="ContentWords.Gist"/>).</summary>
    private static float[] GistSimilarities(ReadOnlyMemory<float> gist, EvidenceSet evidence)
    {
        if (gist.IsEmpty)
        {
            return [0, 0, 0, 0];
        }

        float[] Sims(IReadOnlyList<Evidence> list) => list.Where(e => !e.Gist.IsEmpty).Select(e => TensorPrimitives.Dot(gist.Span, e.Gist.Span)).ToArray();
        var refs = Sims(evidence.Support.ToList());
        var incorrect = Sims(evidence.Incorrect);
        var (r, i) = (refs.Length == 0 ? 0 : refs.Max(), incorrect.Length == 0 ? 0 : incorrect.Max());
        var support = refs.Sum(c => Math.Exp(c / 0.05));
        var against = incorrect.Sum(c => Math.Exp(c / 0.05));
        return [r, i, r - i, support + against <= 0 ? 0.5f : (float)(support / (support + against))];
    }

    /// <summary>A soft nearest-neighbour vote: the share of exp(cosine / temperature) that the references hold.</summary>
    private static float Vote(ReadOnlyMemory<float> embedding, EvidenceSet evidence, float temperature)
    {
        if (evidence.References.Count == 0 || evidence.Incorrect.Count == 0)
        {
            return evidence.References.Count > 0 ? 1 : 0;
        }

        double Mass(IReadOnlyList<Evidence> list) => list.Sum(e => Math.Exp(TensorPrimitives.Dot(embedding.Span, e.Embedding.Span) / temperature));
        var support = Mass(evidence.References);
        return (float)(support / (support + Mass(evidence.Incorrect)));
    }

    private static float TopTwo(ReadOnlyMemory<float> embedding, IReadOnlyList<Evidence> list) =>
        list.Count == 0 ? 0 : list.Select(e => TensorPrimitives.Dot(embedding.Span, e.Embedding.Span)).OrderDescending().Take(2).Average();

    private static List<string> Answer(Evidence e, EvidenceSet set) => e.Words.Where(w => !set.QuestionWords.Contains(w)).ToList();

    private static float Cover(List<string> words, Evidence? nearest, EvidenceSet set)
    {
        if (nearest is null || words.Count == 0)
        {
            return 0;
        }

        var theirs = Answer(nearest, set).ToHashSet(StringComparer.Ordinal);
        return (float)words.Count(theirs.Contains) / words.Count;
    }

    private static double F1(IReadOnlyList<string> candidate, IReadOnlyList<string> reference) =>
        candidate.Count == 0 || reference.Count == 0 ? 0 : TokenF1Scorer.F1(candidate, reference);

    [GeneratedRegex(@"\b(may|might|possibly|perhaps|probably|likely|unclear|uncertain|it depends|depends on|some (people|scientists|experts)|there is no (scientific )?(evidence|consensus)|not (known|proven|certain))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgeCue();
}
