using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination.Variants;

/// <summary>
/// Derives a card's labelled outputs. Faithful: the reference verbatim, led by its yes or no, wrapped in
/// conversation (openers, closers, a restated question), each paraphrase plain and wrapped, and a subset
/// of the context (the sentence that answers, alone and with the next one). Hallucinated: the reference
/// with a changed number, unit, date or name, negated, with an unsupported sentence added, each swapped
/// entity, and a paraphrase with a changed number. Deterministic for a card and seed.
/// </summary>
public static class VariantGenerator
{
    public const string Faithful = "faithful";

    public static IReadOnlyList<Variant> Generate(VariantCard card, Wrapping wrapping, int seed = 1)
    {
        // HashCode.Combine is seeded per process: the variants (and every figure measured on them) would differ run to run.
        var random = new Random(unchecked((seed * 486_187_739) + StableHash(card.Id)));
        string Opener() => wrapping.Openers[random.Next(wrapping.Openers.Count)];
        string Closer() => wrapping.Closers[random.Next(wrapping.Closers.Count)];
        string Restated() => wrapping.Restatements[random.Next(wrapping.Restatements.Count)].Replace("{question}", card.Question, StringComparison.Ordinal);
        var evidence = string.Join(" ", [card.Reference, card.Context ?? string.Empty, .. card.Paraphrases]);
        var variants = new List<Variant>();
        void Add(string kind, string? output, bool hallucinated)
        {
            if (output is not null && variants.All(v => v.Output != output))
            {
                variants.Add(new Variant(card, kind, output, hallucinated));
            }
        }

        var reference = card.Reference;
        Add("verbatim", reference, false);
        if (card.Answer is { } answer && ClaimLead(reference) == 0)
        {
            Add("lead", (answer == "yes" ? "Yes. " : "No. ") + reference, false);
        }

        Add("wrapped", Opener() + reference, false);
        Add("wrapped", reference + Closer(), false);
        Add("wrapped", Opener() + reference + Closer(), false);
        Add("wrapped", Restated() + reference, false);
        foreach (var paraphrase in card.Paraphrases)
        {
            Add("paraphrase", paraphrase, false);
            Add("paraphrase", Opener() + paraphrase + Closer(), false);
        }

        if (card.Context is { } context)
        {
            var sentences = Sentences.Split(context);
            var answering = sentences.MaxBy(s => Overlap(s, reference))!;
            var index = sentences.IndexOf(answering);
            Add("subset", Opener() + answering, false);
            if (sentences.Count > 1)
            {
                Add("subset", answering + " " + sentences[(index + 1) % sentences.Count], false);
            }
        }

        var wrapped = Opener();
        Add("number", Mutations.ChangeNumber(reference, evidence), true);
        Add("number", Mutations.ChangeNumber(reference, evidence) is { } n ? wrapped + n + Closer() : null, true);
        Add("unit", Mutations.ChangeUnit(reference, evidence), true);
        Add("date", Mutations.ChangeDate(reference, evidence), true);
        Add("name", Mutations.ChangeName(reference, card.Question, evidence, random.Next()), true);
        Add("negation", Mutations.Negate(reference), true);
        foreach (var unsupported in card.Unsupported)
        {
            Add("unsupported", reference + " " + unsupported, true);
            Add("unsupported", Opener() + reference + " " + unsupported + Closer(), true);
        }

        foreach (var swapped in card.Swapped)
        {
            Add("swapped", swapped, true);
        }

        if (card.Paraphrases.Count > 0)
        {
            Add("number", Mutations.ChangeNumber(card.Paraphrases[0], evidence), true);
        }

        return variants;
    }

    private static int ClaimLead(string text) => Claims.ClaimSplitter.Unwrap(text).Lead;

    private static int Overlap(string sentence, string reference)
    {
        var words = Features.ContentWords.Of(reference).ToHashSet(StringComparer.Ordinal);
        return Features.ContentWords.Of(sentence).Count(words.Contains);
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var ch in text)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return hash;
    }
}

/// <summary>
/// The conversation faithful answers are wrapped in: openers ("Sure! "), closers (" I hope this helps."),
/// and restatements of the question (templates holding <c>{question}</c>).
/// </summary>
public sealed record Wrapping(IReadOnlyList<string> Openers, IReadOnlyList<string> Closers, IReadOnlyList<string> Restatements)
{
    /// <summary>The wrapping of the detector's own training examples.</summary>
    public static Wrapping Training { get; } = new(
        ["Sure! ", "In short: ", "Great question. ", "Hi there! ", "Of course. ", "Thanks for asking! ", "Certainly: ", "Hello! ", "Good question. ", "Happy to help! ", "Short answer: ", "Absolutely. "],
        [" I hope this helps!", " Let me know if you need anything else.", " Is there anything else I can help you with?", " Feel free to ask if you have more questions.", " Have a great day!", " Glad I could help."],
        ["You asked: {question} ", "Regarding your question, {question} ", "You're asking: {question} "]);
}
