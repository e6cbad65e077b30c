namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// A quantity joined to the wrong name: "144 Hz over HDMI" where the passage says "144 Hz over
/// DisplayPort and 60 Hz over HDMI". Every word of such a claim is in the evidence, so word overlap and
/// the statement it restates (the whole sentence) both look faithful; only the clauses show that the
/// passage gives HDMI another quantity of the same unit and never this one.
/// </summary>
public static class QuantityBinding
{
    /// <summary>Why the claim binds a quantity to a name the evidence gives another quantity of its unit, or null.</summary>
    public static string? Misbound(Evidence claim, EvidenceSet evidence)
    {
        var slots = Contradictions.Slots(claim).ToList();
        var quantities = slots.Where(Contradictions.IsUnit).ToList();
        // Names the question holds are the topic every clause speaks of, even one that leaves it unsaid ("… and 60 Hz over HDMI").
        // Capitalised words, acronyms too ("HDMI"), which the key facts leave out.
        var names = ContentWords.Names(claim.Text).Where(n => !evidence.QuestionWords.Contains(ContentWords.Stem(n))).ToList();
        if (quantities.Count == 0 || names.Count == 0 || evidence.Context.Count == 0)
        {
            return null;
        }

        var atoms = evidence.Atoms.Select(a => (Slots: Contradictions.Slots(a).ToHashSet(), a.Tokens)).ToList();
        foreach (var quantity in quantities.Where(q => atoms.Any(a => a.Slots.Contains(q))))
        {
            foreach (var name in names)
            {
                var holding = atoms.Where(a => a.Tokens.Contains(name, StringComparer.Ordinal)).ToList();
                var other = holding.SelectMany(a => a.Slots).FirstOrDefault(s => Contradictions.IsUnit(s) && s.Value == quantity.Value && !quantities.Contains(s));
                if (other.Kind is not null && !holding.Any(a => a.Slots.Contains(quantity)))
                {
                    var (number, theirs) = (quantity.Kind["unit of ".Length..], other.Kind["unit of ".Length..]);
                    return $"says {number} {quantity.Value} with {name} where the evidence gives {name} {theirs} {quantity.Value}";
                }
            }
        }

        return null;
    }
}
