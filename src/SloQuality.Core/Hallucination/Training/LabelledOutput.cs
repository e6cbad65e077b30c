using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>An output with its golden item and the truth about it; <see cref="Group"/> keeps one question's outputs in one fold.</summary>
public sealed record LabelledOutput(string Group, GoldenItem Item, string Output, bool Hallucinated)
{
    /// <summary>
    /// Whether the trained model decides this output (and so learns from it): the detector's rules
    /// decide unanswerable items, declined answers and items with no evidence at all.
    /// </summary>
    public bool JudgedByModel => Item.Answerable && !Scoring.AbstentionScorer.IsAbstention(Output) && !string.IsNullOrWhiteSpace(Output)
        && (Item.Reference.Count > 0 || Item.Context.Count > 0 || Item.Incorrect.Count > 0);

    /// <summary>
    /// The same output against the mirror image of its evidence: references and known-incorrect claims
    /// trade places, and so does the verdict. Training on both teaches the detector to compare with the
    /// evidence rather than learn what true answers tend to sound like (a golden set may assert the
    /// surprising). Null when the item has no counter-evidence, or a context that would still support
    /// the old references.
    /// </summary>
    public LabelledOutput? Mirrored() => Item.Reference.Count == 0 || Item.Incorrect.Count == 0 || Item.Context.Count > 0 || !Item.Answerable
        ? null
        : this with { Item = Item with { Reference = Item.Incorrect, Incorrect = Item.Reference }, Hallucinated = !Hallucinated };
}
