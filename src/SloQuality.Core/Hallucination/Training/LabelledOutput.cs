using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

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
    /// <summary>
    /// The same output judged against its references alone, as most golden sets hold no known mistakes;
    /// null when it has none to drop. Training on this view keeps the detector from learning that
    /// anything but the reference's own words is wrong (HaluEval's faithful answers are the reference verbatim).
    /// </summary>
    public LabelledOutput? WithoutCounterEvidence() => Item.Incorrect.Count == 0 || Item.Reference.Count == 0
        ? null
        : this with { Item = Item with { Incorrect = [] } };

    /// <summary>The views of an output the detector is trained on: itself, mirrored, and without counter-evidence.</summary>
    public IEnumerable<LabelledOutput> TrainingViews()
    {
        yield return this;
        if (Mirrored() is { } mirrored)
        {
            yield return mirrored;
        }

        if (WithoutCounterEvidence() is { } referencesOnly)
        {
            yield return referencesOnly;
        }

        if (StatedByContext() is { } stated)
        {
            yield return stated;
        }
    }

    /// <summary>
    /// For a faithful short answer grounded in a context: the context's own sentence that states the
    /// reference, as a faithful whole-sentence answer. Without it the detector learns from HaluEval that
    /// only the reference's exact words are faithful and flags every full-sentence answer.
    /// </summary>
    public LabelledOutput? StatedByContext()
    {
        if (Hallucinated || Item.Context.Count == 0 || Item.Reference.Count == 0)
        {
            return null;
        }

        var sentence = Item.Context.SelectMany(Text.Sentences.Split)
            .FirstOrDefault(s => Item.Reference.Any(r => s.Contains(r, StringComparison.OrdinalIgnoreCase) && !s.Equals(r, StringComparison.OrdinalIgnoreCase)));
        return sentence is null ? null : this with { Output = sentence };
    }

    public LabelledOutput? Mirrored() => Item.Reference.Count == 0 || Item.Incorrect.Count == 0 || Item.Context.Count > 0 || !Item.Answerable
        ? null
        : this with { Item = Item with { Reference = Item.Incorrect, Incorrect = Item.Reference }, Hallucinated = !Hallucinated };
}
