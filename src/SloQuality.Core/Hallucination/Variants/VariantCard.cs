namespace SloQuality.Core.Hallucination.Variants;

/// <summary>
/// One golden item of a detector regression or training set, with the hand-written material its variants
/// need: paraphrases of the reference (faithful), sentences the context does not support, and the
/// reference with an attribute moved to another entity of the context (both hallucinated).
/// </summary>
/// <param name="Answer">"yes" or "no" when the question is a yes/no question the reference answers so; null otherwise.</param>
/// <param name="Grounded">True when the card is also judged as a context-only item (its reference dropped).</param>
public sealed record VariantCard(
    string Id,
    string Domain,
    string Question,
    string Reference,
    string? Answer,
    bool Grounded,
    string? Context,
    IReadOnlyList<string> Incorrect,
    IReadOnlyList<string> Paraphrases,
    IReadOnlyList<string> Unsupported,
    IReadOnlyList<string> Swapped,
    int Line);

/// <summary>An output derived from a card: its kind (<c>verbatim</c>, <c>wrapped</c>, <c>number</c>, …) and whether it is hallucinated.</summary>
public sealed record Variant(VariantCard Card, string Kind, string Output, bool Hallucinated);
