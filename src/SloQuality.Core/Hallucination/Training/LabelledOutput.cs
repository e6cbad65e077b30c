using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination.Claims;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// An output with its golden item and the truth about it; <see cref="Group"/> keeps one question's (or
/// one passage's) outputs in one fold, <see cref="Source"/> names the data it came from, and
/// <see cref="Weight"/> is how much it counts in training.
/// </summary>
public sealed record LabelledOutput(string Group, GoldenItem Item, string Output, bool Hallucinated, string Source = "", float Weight = 1)
{
    /// <summary>
    /// Whether the trained model decides this output (and so learns from it): the detector's rules
    /// decide unanswerable items, outputs that claim nothing, items with no evidence at all and JSON.
    /// </summary>
    public bool JudgedByModel => Item.Answerable && !string.IsNullOrWhiteSpace(Output)
        && (Item.Reference.Count > 0 || Item.Context.Count > 0 || Item.Incorrect.Count > 0)
        && !Output.TrimStart().StartsWith('{')
        && ClaimSplitter.Split(Output, Item.Prompt).Claims.Count > 0;

    /// <summary>
    /// The same output judged against its references alone, as most golden sets hold no known mistakes;
    /// null when it has none to drop. Training on this view keeps the detector from learning that
    /// anything but the reference's own words is wrong (HaluEval's faithful answers are the reference verbatim).
    /// </summary>
    public LabelledOutput? WithoutCounterEvidence() => Item.Incorrect.Count == 0 || Item.Reference.Count == 0
        ? null
        : this with { Item = Item with { Incorrect = [] } };

    /// <summary>
    /// The same output judged against its context alone (a grounded item with no reference), so the
    /// context-only kind learns from question answering too, not only from dialogue.
    /// </summary>
    public LabelledOutput? ContextOnly() => Item.Context.Count == 0 || Item.Reference.Count == 0 || Item.Incorrect.Count > 0
        ? null
        : this with { Item = Item with { Reference = [] } };

    /// <summary>The views of an output the detector is trained on: itself, mirrored, without counter-evidence, stated by its context, and against its context alone.</summary>
    public IEnumerable<LabelledOutput> TrainingViews()
    {
        yield return this;
        foreach (var view in new[] { Mirrored(), WithoutCounterEvidence(), StatedByContext(), ContextOnly() })
        {
            if (view is not null)
            {
                yield return view;
            }
        }
    }

    /// <summary>
    /// The golden answers themselves as outputs, once per group: a reference given word for word is
    /// faithful, a known mistake given word for word is hallucinated. The commonest outputs in production
    /// (a model that knows the answer, or repeats the misconception), and absent from the public sets'
    /// protocols, which take each candidate out of its own list.
    /// </summary>
    public IEnumerable<LabelledOutput> Echoes()
    {
        if (!Item.Answerable || Item.Reference.Count == 0)
        {
            yield break;
        }

        yield return this with { Output = Item.Reference[0], Hallucinated = false, Weight = Weight / 2 };
        if (Item.Incorrect.Count > 0)
        {
            yield return this with { Output = Item.Incorrect[0], Hallucinated = true, Weight = Weight / 2 };
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
