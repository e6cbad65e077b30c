using System.Globalization;
using System.Text.RegularExpressions;

namespace SloQuality.Core.Hallucination.Variants;

/// <summary>
/// The planted errors made by rule from a faithful sentence: a changed number, unit, date or name, and a
/// negation. Each returns null when the sentence has nothing of that kind, and never yields a value the
/// evidence itself holds (a "changed" number that the context also states would not be an error).
/// </summary>
public static partial class Mutations
{
    private static readonly string[][] UnitFamilies =
    [
        ["seconds", "minutes", "hours", "days", "weeks", "months", "years"],
        ["second", "minute", "hour", "day", "week", "month", "year"],
        ["euros", "dollars", "pounds", "francs"],
        ["euro", "dollar", "pound", "franc"],
        ["metres", "kilometres", "miles", "centimetres"],
        ["kilometres", "miles", "metres"],
        ["grams", "kilograms", "pounds"],
        ["litres", "millilitres", "gallons"],
        ["watts", "kilowatts"],
        ["percent", "points"],
        ["am", "pm"],
        ["pm", "am"],
        ["Hz", "kHz"],
    ];

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] FakeNames = ["Marlowe", "Halvorsen", "Brightwater", "Kestrel", "Tavistock", "Quimby", "Okafor", "Lindqvist"];

    [GeneratedRegex(@"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(1[89]\d\d|20\d\d)\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(\d{1,2}):(\d{2})\b")]
    private static partial Regex Clock();

    [GeneratedRegex(@"(?<=\s)\p{Lu}\p{Ll}{2,}\b")]
    private static partial Regex Name();

    /// <summary>
    /// The first quantity changed to one the evidence does not hold (its format kept); a number that is
    /// part of a name ("Apollo 11", "Polar 500") is changed only when the text has no other.
    /// </summary>
    public static string? ChangeNumber(string text, string evidence)
    {
        var numbers = Number().Matches(text).OrderBy(m => PartOfName(text, m) ? 1 : 0).ThenBy(m => m.Index);
        foreach (var m in numbers)
        {
            if (Year().IsMatch(m.Value) || IsClock(text, m))
            {
                continue;
            }

            var grouped = m.Value.Contains(',', StringComparison.Ordinal);
            var value = double.Parse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var decimals = m.Value.Contains('.', StringComparison.Ordinal) ? m.Value.Length - m.Value.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            foreach (var candidate in new[] { value + 1, value * 2, value + 3, value + 10, value * 3 })
            {
                var formatted = candidate.ToString((grouped ? "#,##0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : string.Empty), CultureInfo.InvariantCulture);
                if (!Mentions(evidence, formatted))
                {
                    return text[..m.Index] + formatted + text[(m.Index + m.Length)..];
                }
            }
        }

        return null;
    }

    /// <summary>The unit after a number changed to another of its kind ("30 days" → "30 weeks", "11 am" → "11 pm").</summary>
    public static string? ChangeUnit(string text, string evidence)
    {
        foreach (Match m in Number().Matches(text))
        {
            var rest = text[(m.Index + m.Length)..];
            var unit = UnitWord().Match(rest);
            if (!unit.Success)
            {
                continue;
            }

            var word = unit.Groups[1].Value;
            var family = UnitFamilies.FirstOrDefault(f => f.Contains(word, StringComparer.Ordinal));
            if (family is null)
            {
                continue;
            }

            foreach (var other in family.Where(u => u != word))
            {
                var changed = text[..(m.Index + m.Length)] + rest[..unit.Groups[1].Index] + other + rest[(unit.Groups[1].Index + word.Length)..];
                if (!Mentions(evidence, m.Value + " " + other))
                {
                    return changed;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*([A-Za-z]+)\b")]
    private static partial Regex UnitWord();

    /// <summary>A month, weekday, year or clock time changed to one the evidence does not hold.</summary>
    public static string? ChangeDate(string text, string evidence)
    {
        foreach (var (names, step) in new[] { (Months, 1), (Weekdays, 1) })
        {
            for (var i = 0; i < names.Length; i++)
            {
                var at = Regex.Match(text, $@"\b{names[i]}\b");
                if (at.Success)
                {
                    for (var k = 1; k < names.Length; k++)
                    {
                        var other = names[(i + (k * step)) % names.Length];
                        if (!evidence.Contains(other, StringComparison.Ordinal))
                        {
                            return text[..at.Index] + other + text[(at.Index + at.Length)..];
                        }
                    }
                }
            }
        }

        if (Year().Match(text) is { Success: true } year)
        {
            foreach (var delta in new[] { 2, -3, 5 })
            {
                var other = (int.Parse(year.Value, CultureInfo.InvariantCulture) + delta).ToString(CultureInfo.InvariantCulture);
                if (!evidence.Contains(other, StringComparison.Ordinal))
                {
                    return text[..year.Index] + other + text[(year.Index + year.Length)..];
                }
            }
        }

        if (Clock().Match(text) is { Success: true } clock)
        {
            var other = string.Create(CultureInfo.InvariantCulture, $"{(int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture) + 2) % 24:00}:{clock.Groups[2].Value}");
            return evidence.Contains(other, StringComparison.Ordinal) ? null : text[..clock.Index] + other + text[(clock.Index + clock.Length)..];
        }

        return null;
    }

    /// <summary>A name (a capitalised word after the first, not in the question) replaced by one found nowhere.</summary>
    public static string? ChangeName(string text, string question, string evidence, int seed)
    {
        foreach (Match m in Name().Matches(text))
        {
            if (question.Contains(m.Value, StringComparison.Ordinal) || Months.Contains(m.Value) || Weekdays.Contains(m.Value) || m.Value is "The" or "Yes" or "No")
            {
                continue;
            }

            var fake = FakeNames[(seed & int.MaxValue) % FakeNames.Length];
            return evidence.Contains(fake, StringComparison.Ordinal) ? null : text[..m.Index] + fake + text[(m.Index + m.Length)..];
        }

        return null;
    }

    private static readonly (string From, string To)[] Negations =
    [
        ("No, ", "Yes, "), ("Yes, ", "No, "), (" cannot ", " can "), (" can not ", " can "), (" must not ", " must "), (" not ", " "), ("n't ", " "),
        (" can ", " cannot "), (" must ", " must not "), (" is ", " is not "), (" are ", " are not "), (" will ", " will not "), (" was ", " was not "),
        (" were ", " were not "), (" has ", " does not have "), (" have ", " do not have "), (" lies ", " does not lie "), (" flows ", " does not flow "),
    ];

    private static readonly Dictionary<string, string> PastTense = new(StringComparer.Ordinal)
    {
        ["fell"] = "fall", ["flew"] = "fly", ["ordered"] = "order", ["discovered"] = "discover", ["developed"] = "develop", ["landed"] = "land",
    };

    /// <summary>Verbs (base forms) a statement without an auxiliary is negated at: "carries" → "does not carry".</summary>
    private static readonly string[] Verbs =
    [
        "carry", "last", "cover", "allow", "sleep", "support", "produce", "print", "fly", "deliver", "hold", "stay", "expire", "renew", "travel",
        "release", "match", "take", "cost", "need", "require", "include", "own", "depart", "land", "flow", "lie", "come", "go", "get", "give",
        "run", "work", "keep", "use", "apply", "arrive", "open", "close", "offer", "accept", "charge", "ship", "contain", "weigh", "measure",
        "connect", "pair", "record", "freeze", "boil", "cause", "affect", "reach", "start", "end", "begin", "total",
    ];

    /// <summary>The statement negated (or a negation removed): "can" → "cannot", "carries" → "does not carry", "No," → "Yes,".</summary>
    public static string? Negate(string text)
    {
        foreach (var (from, to) in Negations)
        {
            var at = text.IndexOf(from, StringComparison.Ordinal);
            if ((at == 0 && !from.StartsWith(' ')) || at > 0)
            {
                return text[..at] + to + text[(at + from.Length)..];
            }
        }

        foreach (var (past, present) in PastTense)
        {
            var at = Regex.Match(text, $@"\b{past}\b");
            if (at.Success)
            {
                return text[..at.Index] + "did not " + present + text[(at.Index + at.Length)..];
            }
        }

        // "Opened lamps carry a fee" has no auxiliary: negated at its first known verb.
        return NegateVerb(text);
    }

    private static string? NegateVerb(string text)
    {
        foreach (Match word in Regex.Matches(text, @"\b\p{Ll}+\b"))
        {
            if (word.Index == 0)
            {
                continue;
            }

            var w = word.Value;
            var (stem, third) = w.EndsWith("ies", StringComparison.Ordinal) ? (w[..^3] + "y", true)
                : w.EndsWith("es", StringComparison.Ordinal) && Array.IndexOf(Verbs, w[..^2]) >= 0 ? (w[..^2], true)
                : w.EndsWith('s') && Array.IndexOf(Verbs, w[..^1]) >= 0 ? (w[..^1], true)
                : (w, false);
            if (Array.IndexOf(Verbs, stem) >= 0)
            {
                return text[..word.Index] + (third ? "does not " : "do not ") + stem + text[(word.Index + word.Length)..];
            }
        }

        return null;
    }

    private static bool PartOfName(string text, Match m) => m.Index > 1 && Regex.IsMatch(text[..m.Index], @"\p{Lu}[\p{L}-]*\s$");

    private static bool IsClock(string text, Match m) =>
        (m.Index + m.Length < text.Length && text[m.Index + m.Length] == ':') || (m.Index > 0 && text[m.Index - 1] == ':');

    private static bool Mentions(string evidence, string value) => Regex.IsMatch(evidence, $@"(?<![\w.,]){Regex.Escape(value)}(?![\w])");
}
