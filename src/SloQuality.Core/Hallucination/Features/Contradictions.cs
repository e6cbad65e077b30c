using System.Numerics.Tensors;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// Crisp contradictions between a claim and the evidence statement it restates, which a learned score
/// over averages can miss (most of the claim's words match, so it looks supported) and a person never
/// would. Each needs the claim to follow one statement closely, so a claim that merely shares a topic
/// is left to the model:
/// <list type="bullet">
/// <item>negated: the claim negates what the statement says, or drops its negation ("is not covered" against "is covered");</item>
/// <item>a substituted fact: where the statement has a number, name or unit the claim does not, the claim has another of the same kind ("6,651 km" for "6,650 km", "metres" for "kilometres", "Florey" for "Fleming");</item>
/// <item>a contradicting yes or no: the claim answers "No" where the reference answers "Yes" (or the reverse), or leads with "No" and then restates the evidence as it stands.</item>
/// </list>
/// </summary>
public static class Contradictions
{
    /// <summary>The share of the claim's own words a statement must hold for the claim to be read as restating it.</summary>
    public const double Restates = 0.6;

    private static readonly HashSet<string> Units = new(StringComparer.Ordinal)
    {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
        "euro", "euros", "dollar", "dollars", "pound", "pounds", "franc", "francs", "percent", "am", "pm",
        "metre", "metres", "meter", "meters", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "centimetre", "centimetres",
        "millimetre", "millimetres", "gram", "grams", "kilogram", "kilograms", "litre", "litres", "liter", "liters", "millilitre", "millilitres",
        "gallon", "gallons", "watt", "watts", "point", "points", "kilowatt", "kilowatts", "hz", "khz", "mhz", "ghz", "gb", "mb", "tb", "kb", "inch", "inches", "feet", "foot",
    };

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8",
        ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["twenty"] = "20", ["thirty"] = "30", ["hundred"] = "100",
    };

    /// <summary>Words that say the opposite of one another: either found where the evidence has the other is a contradiction.</summary>
    private static readonly Dictionary<string, (string Pair, string Other)> Opposites = new[]
    {
        ("on", "off"), ("before", "after"), ("more", "less"), ("above", "below"), ("minimum", "maximum"), ("first", "last"),
        ("open", "closed"), ("included", "excluded"), ("allowed", "forbidden"), ("north", "south"), ("east", "west"),
        ("northeast", "southwest"), ("northwest", "southeast"), ("increase", "decrease"), ("higher", "lower"), ("earlier", "later"),
        ("inside", "outside"), ("free", "paid"), ("morning", "evening"), ("left", "right"), ("daily", "weekly"), ("weekly", "monthly"),
    }.SelectMany(p => new[] { (p.Item1, (Pair: p.Item1 + "/" + p.Item2, Other: p.Item2)), (p.Item2, (Pair: p.Item1 + "/" + p.Item2, Other: p.Item1)) })
        .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal);

    /// <summary>Why the claim contradicts the evidence, or null.</summary>
    /// <param name="quantitiesOnly">
    /// Only changed numbers and units: with known mistakes to compare with, reference lists hold answers
    /// worded against one another ("not by the colour red" beside "because of the cape"), so a negation or
    /// a name read against one reference says little.
    /// </param>
    public static string? Find(Evidence claim, EvidenceSet evidence, bool quantitiesOnly = false)
    {
        if (evidence.Support.Count == 0)
        {
            return null;
        }

        var statement = Restated(claim, evidence);
        if (statement is not null && !quantitiesOnly && NegationParity.Differs(claim, statement))
        {
            return $"negates the evidence: \"{statement.Text}\"";
        }

        if (statement is not null && Substituted(claim, statement, evidence) is { } swap
            && (!quantitiesOnly || swap.Kind is "number" or "year" || IsUnit((swap.Kind, swap.Claimed)) || (swap.Kind == "name" && evidence.Context.Count > 0 && !NamedByAReference(swap.Claimed, evidence) && NamedByEveryReference(swap.Stated, evidence))))
        {
            return $"says {swap.Claimed} where the evidence says {swap.Stated}: \"{statement.Text}\"";
        }

        if (QuantityBinding.Misbound(claim, evidence) is { } misbound)
        {
            return misbound;
        }

        // With known mistakes the references are worded apart, so no one statement may be restated; a
        // quantity of a unit the evidence measures in, but another than it ever states, still changes it.
        if (quantitiesOnly && ChangedQuantity(claim, evidence) is { } changed)
        {
            return changed;
        }

        // A number stated nowhere in the evidence, in any form, where the evidence states numbers.
        if (!quantitiesOnly && claim.Facts.Where(f => char.IsDigit(f[0])).FirstOrDefault(f => !Mentioned(evidence.SupportTokens, f)) is { } invented
            && evidence.SupportTokens.Any(t => char.IsDigit(t[0])))
        {
            return $"states {invented}, which the evidence never does";
        }

        return RestatesMistake(claim, evidence) ?? (quantitiesOnly ? null : LeadConflict(claim, statement, evidence));
    }

    /// <summary>
    /// Whether any reference names it: references worded against one another may each name another
    /// right answer, so only a name no reference gives is a substitution.
    /// </summary>
    private static bool NamedByAReference(string name, EvidenceSet evidence) =>
        evidence.References.Any(r => Mentioned(r.Tokens.ToHashSet(StringComparer.Ordinal), name));

    /// <summary>
    /// A name every reference gives is the answer the item commits to, not one right answer of several.
    /// Only read so with a passage to ground it: TruthfulQA-style references without one name rival
    /// answers that each may be right (measured: the rule cost halluc-grounding 0.016 of balanced accuracy there).
    /// </summary>
    private static bool NamedByEveryReference(string name, EvidenceSet evidence) =>
        evidence.References.Count > 0 && evidence.References.All(r => Mentioned(r.Tokens.ToHashSet(StringComparer.Ordinal), name));

    /// <summary>"5,001 euros" where the evidence says "5,000 euros" and never 5,001: a number before a unit the evidence uses, in no form the evidence states.</summary>
    private static string? ChangedQuantity(Evidence claim, EvidenceSet evidence)
    {
        // Compared as slots ("unit of 2", "year"), so "two years" and "2 years" are one quantity.
        var stated = evidence.Support.SelectMany(Slots).Where(IsUnit).ToList();
        var claimed = Slots(claim).Where(IsUnit).ToList();
        foreach (var (kind, unit) in claimed)
        {
            var number = kind["unit of ".Length..];
            if (char.IsDigit(number[0]) && !Mentioned(evidence.SupportTokens, number) && !stated.Any(s => s.Kind == kind)
                && stated.FirstOrDefault(s => s.Value == unit && !claimed.Any(c => c.Kind == s.Kind) && !Mentioned(claim.Tokens, s.Kind["unit of ".Length..])) is { Kind: not null } other)
            {
                return $"says {number} {unit} where the evidence says {other.Kind["unit of ".Length..]} {unit}";
            }
        }

        return null;
    }

    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal) { "but", "however", "instead", "actually", "while", "although", "though", "whereas", "myth", "misconception", "contrary" };

    /// <summary>
    /// A claim that says what a known mistake says (most of its frame, closer to it in meaning than to any
    /// reference, and not negating it), however it hedges ("it is possible that…").
    /// </summary>
    private static string? RestatesMistake(Evidence claim, EvidenceSet evidence)
    {
        if (evidence.Incorrect.Count == 0 || claim.Embedding.IsEmpty)
        {
            return null;
        }

        var frame = Frame(claim);
        if (frame.Count == 0)
        {
            return null;
        }

        double Share(Evidence e) => (double)frame.Count(e.WordSet.Contains) / frame.Count;
        float Cos(Evidence e) => e.Embedding.IsEmpty ? 0 : TensorPrimitives.Dot(claim.Embedding.Span, e.Embedding.Span);
        var mistake = evidence.Incorrect.MaxBy(e => Share(e) + Cos(e))!;
        var reference = evidence.References.Count == 0 ? 0 : evidence.References.Max(r => Math.Max(Cos(r), 0) + Share(r));
        // Only a plain claim: one that contrasts ("…, but actually…", "not by X") weighs both sides itself.
        if (claim.Tokens.Any(t => Contrasts.Contains(t) || ContentWords.IsNegation(t)))
        {
            return null;
        }

        var theirs = Frame(mistake);
        var backwards = theirs.Count == 0 ? 0 : (double)theirs.Count(claim.WordSet.Contains) / theirs.Count;
        var restated = Share(mistake) >= Restates && backwards >= 0.8 && frame.Count - frame.Count(mistake.WordSet.Contains) <= 2
            && Share(mistake) + Cos(mistake) > reference + 0.15 && !NegationParity.Differs(claim, mistake)
            && Slots(claim).Where(s => s.Kind is "number" or "year").All(s => Mentioned(mistake.Tokens, s.Value));
        return restated ? $"says what a known mistake says: \"{mistake.Text}\"" : null;
    }

    /// <summary>
    /// The support statement (or clause of one: "check-in is at 3 pm and check-out at 11 am" holds two) the
    /// claim restates: the closest in meaning among those holding most of its frame, its words other than
    /// numbers and units (a changed number must not hide which statement it came from).
    /// </summary>
    internal static Evidence? Restated(Evidence claim, EvidenceSet evidence)
    {
        var frame = Frame(claim);
        if (frame.Count == 0)
        {
            return null;
        }

        Evidence? best = null;
        var bestScore = double.MinValue;
        foreach (var s in evidence.Statements)
        {
            var share = (double)frame.Count(s.WordSet.Contains) / frame.Count;
            if (share < Restates)
            {
                continue;
            }

            // Of equal matches the shorter wins: the clause that says it, not the sentence that holds two.
            var score = share + (s.Embedding.IsEmpty || claim.Embedding.IsEmpty ? 0 : TensorPrimitives.Dot(claim.Embedding.Span, s.Embedding.Span)) - (0.001 * s.Words.Count);
            if (score > bestScore)
            {
                (best, bestScore) = (s, score);
            }
        }

        return best;
    }

    /// <summary>A fact of the statement missing from the claim, where the claim has one of the same kind the statement lacks.</summary>
    private static (string Claimed, string Stated, string Kind)? Substituted(Evidence claim, Evidence statement, EvidenceSet evidence)
    {
        var theirs = statement.Tokens.ToHashSet(StringComparer.Ordinal);
        var mine = claim.Tokens.ToHashSet(StringComparer.Ordinal);
        var claimSlots = Slots(claim).ToList();
        var statementSlots = Slots(statement).ToList();
        // A unit belongs to its number ("10 pm" against "10 am"): units compare as slots, not as words.
        var claimed = claimSlots.Where(f => !statementSlots.Contains(f) && (IsUnit(f) || !Mentioned(theirs, f.Value))).ToList();
        var stated = statementSlots.Where(f => !claimSlots.Contains(f) && (IsUnit(f) || !Mentioned(mine, f.Value))).ToList();
        foreach (var c in claimed)
        {
            // "Martian" for "Mars" or "kilometre" for "kilometres" is the same thing said otherwise.
            if (stated.FirstOrDefault(s => s.Kind == c.Kind && !SameRoot(s.Value, c.Value)) is { Value: not null } s)
            {
                return (c.Value, s.Value, c.Kind);
            }
        }

        return null;
    }

    internal static bool IsUnit((string Kind, string Value) slot) => slot.Kind.StartsWith("unit", StringComparison.Ordinal);

    /// <summary>The words a claim is matched to a statement by: not its numbers, units or words with an opposite (those are what it may change).</summary>
    internal static List<string> Frame(Evidence claim) =>
        claim.Words.Where(w => !char.IsDigit(w[0]) && !Units.Contains(w) && !Opposites.ContainsKey(w) && !NumberWords.ContainsKey(w)).Distinct(StringComparer.Ordinal).ToList();

    internal static bool Mentioned(IReadOnlyCollection<string> tokens, string fact) =>
        KeyFacts.Mentions(tokens, fact) || (!char.IsDigit(fact[0]) && tokens.Any(t => SameRoot(t, fact)))
        || (char.IsDigit(fact[0]) && tokens.Any(t => t.Length > fact.Length && t.StartsWith(fact, StringComparison.Ordinal) && !char.IsDigit(t[fact.Length]) && t[fact.Length] != '.'));

    private static bool SameRoot(string a, string b) =>
        !char.IsDigit(a[0]) && !char.IsDigit(b[0]) && a.Length >= 3 && b.Length >= 3 && string.CompareOrdinal(a, 0, b, 0, 3) == 0;

    /// <summary>The facts of a text with their kind: numbers, names, and the unit after a number.</summary>
    internal static IEnumerable<(string Kind, string Value)> Slots(Evidence e)
    {
        foreach (var fact in e.Facts)
        {
            // A year is compared with years: "May 2026" does not change the "29 May" it sits beside.
            yield return (!char.IsDigit(fact[0]) ? "name" : fact.Length == 4 && fact[0] is '1' or '2' && fact.All(char.IsDigit) ? "year" : "number", fact);
        }

        var tokens = e.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            // "11 in the morning" is 11 am, a time, not a part of the day to contradict.
            if (Opposites.TryGetValue(tokens[i], out var opposite) && !(i >= 2 && DayPart(tokens, i - 2) is not null))
            {
                yield return ("opposite " + opposite.Pair, tokens[i]);
            }
        }

        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (DayPart(tokens, i) is { } unit)
            {
                yield return ("unit of " + NumberWords.GetValueOrDefault(tokens[i], tokens[i]), unit);
            }

            // "one year" against "two years": a number word counts as a number before a unit.
            // ("one" alone is too often a pronoun to count.)
            if (NumberWords.TryGetValue(tokens[i], out var value) && (Units.Contains(tokens[i + 1]) || tokens[i] != "one"))
            {
                yield return ("number", value);
            }

            if ((char.IsDigit(tokens[i][0]) || NumberWords.ContainsKey(tokens[i])) && Units.Contains(tokens[i + 1]))
            {
                // "1.8 litre tank" and "1.8 litres" name one unit.
                yield return ("unit of " + NumberWords.GetValueOrDefault(tokens[i], tokens[i]), tokens[i + 1].TrimEnd('s'));
            }
        }
    }

    /// <summary>"am" or "pm" for a time said with the part of the day ("11 in the morning", "10 at night"; tokens drop articles), or null.</summary>
    private static string? DayPart(IReadOnlyList<string> tokens, int i) =>
        i + 2 < tokens.Count && (char.IsDigit(tokens[i][0]) || NumberWords.ContainsKey(tokens[i])) && tokens[i + 1] is "in" or "at"
            ? (tokens[i + 1], tokens[i + 2]) switch { ("in", "morning") => "am", ("in", "afternoon" or "evening") or ("at", "night") => "pm", _ => null }
            : null;

    /// <summary>A "No" against a reference's "Yes" (or the reverse), or a "No" that goes on to restate the evidence as it stands.</summary>
    private static string? LeadConflict(Evidence claim, Evidence? statement, EvidenceSet evidence)
    {
        if (claim.Lead == 0)
        {
            return null;
        }

        if (evidence.References.FirstOrDefault(r => r.Lead != 0) is { } answered)
        {
            return answered.Lead != claim.Lead ? $"answers {(claim.Lead > 0 ? "yes" : "no")} where the reference answers {(answered.Lead > 0 ? "yes" : "no")}" : null;
        }

        return claim.Lead < 0 && statement is not null && !statement.Negated && !claim.Negated
            ? $"answers no, then states what the evidence affirms: \"{statement.Text}\""
            : null;
    }
}
