using System.Numerics.Tensors;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// Whether a claim faithfully restates one statement of the evidence in other words: it holds most of
/// that statement's frame, is close to it in meaning, every number, name and unit it states is the
/// statement's, and every word of its own has a synonym in the evidence (or is a light word). Used only
/// where no contradiction was found; a paraphrase's probability is then held under the threshold.
/// </summary>
public static class Paraphrase
{
    public const double Share = 0.75;
    public const float Cosine = 0.75f;

    /// <summary>The statement the claim would restate: the one holding most of its frame, else the one stating its quantities.</summary>
    public static Evidence? StatementOf(Evidence claim, EvidenceSet evidence) =>
        Contradictions.Restated(claim, evidence) ?? SameQuantities(claim, evidence);

    /// <param name="statement">The claim's <see cref="StatementOf"/>, found once by the caller.</param>
    /// <param name="embedding">
    /// The statement's embedding, or a clause's own: a clause shares its sentence's embedding, and
    /// "check-out is at 11 am" compared through "Check-in starts at 3 pm and check-out is at 11 am" looks
    /// further from "Guests check out at 11 am" (cosine 0.62) than it is.
    /// </param>
    public static bool Holds(Evidence claim, Evidence statement, ReadOnlyMemory<float> embedding, EvidenceSet evidence)
    {
        var frame = Contradictions.Frame(claim);
        if (frame.Count == 0 || claim.Embedding.IsEmpty || embedding.IsEmpty)
        {
            return false;
        }

        // A word the evidence does not hold but has a synonym for (all of them, or this is no paraphrase) counts as matched.
        var share = Math.Min(1, (double)(frame.Count(statement.WordSet.Contains) + claim.NovelWords.Count) / frame.Count);
        var cosine = TensorPrimitives.Dot(claim.Embedding.Span, embedding.Span);
        var tokens = statement.Tokens.ToHashSet(StringComparer.Ordinal);
        var slots = Contradictions.Slots(statement).ToHashSet();
        var claimed = Contradictions.Slots(claim).ToList();
        var facts = claimed.All(f => Contradictions.Mentioned(tokens, f.Value) || slots.Contains(f));
        // "morning" in "11 in the morning" is the am the facts were checked by.
        var clock = claimed.Any(s => Contradictions.IsUnit(s) && s.Value is "am" or "pm");
        var unmatched = claim.NovelWords.Count(w => !LightWords.Contains(w.Word) && !(clock && DayParts.Contains(w.Word)) && !GroundingFeatures.HasSynonym(w, evidence));
        return share >= Share && cosine >= Cosine && facts && unmatched == 0;
    }

    private static readonly HashSet<string> DayParts = new(StringComparer.Ordinal) { "morning", "afternoon", "evening", "night" };

    /// <summary>
    /// Without a statement holding most of its frame, the statement a claim restates in other words is
    /// the closest in meaning of those that state every quantity it states ("One Martian day is about
    /// 24 hours 37 minutes long" for "A day on Mars lasts about 24 hours and 37 minutes"): a claim with
    /// numbers of its own, each with the statement's unit where the claim gives one.
    /// </summary>
    private static Evidence? SameQuantities(Evidence claim, EvidenceSet evidence)
    {
        var slots = Contradictions.Slots(claim).Where(s => s.Kind is "number" or "year" || Contradictions.IsUnit(s)).ToList();
        if (!slots.Any(s => s.Kind is "number" or "year") || claim.Embedding.IsEmpty)
        {
            return null;
        }

        return evidence.Statements.Where(s => !s.Embedding.IsEmpty && slots.All(Contradictions.Slots(s).Contains))
            .MaxBy(s => TensorPrimitives.Dot(claim.Embedding.Span, s.Embedding.Span) - (0.001 * s.Words.Count));
    }

    /// <summary>
    /// Words a paraphrase frames a statement with that state no fact of their own ("Ending the lease
    /// requires 3 months' notice", "a 12 euro fee applies", "Guests check out at 11 am"): a rewording
    /// needs no synonym for them. Word embeddings place such verbs and the people a policy speaks to far
    /// from everything (cosine under 0.45), so they would otherwise make every rewording unmatched.
    /// </summary>
    private static readonly HashSet<string> LightWords = new(StringComparer.Ordinal)
    {
        "require", "requires", "required", "need", "needs", "needed", "apply", "applies", "applied", "take", "takes", "hold", "holds",
        "come", "comes", "go", "goes", "get", "gets", "keep", "keeps", "put", "make", "makes", "once", "ahead", "roughly", "approximately",
        "around", "per", "each", "every", "between",
        "guest", "guests", "customer", "customers", "user", "users", "visitor", "visitors", "client", "clients", "people", "person",
    };
}
