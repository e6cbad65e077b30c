using System.Globalization;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// The facts a paraphrase must keep: numbers and capitalised names that are not the first word of a
/// sentence. Cheap, language-agnostic enough for references, and exactly what hallucinations change.
/// </summary>
public static class KeyFacts
{
    public static IReadOnlyList<string> Of(string text)
    {
        var facts = new List<string>();
        facts.AddRange(TextNormalizer.Numbers(text));
        var words = text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Trim('"', '\'', '(', ')', ',', ';', ':', '.', '!', '?', '“', '”');
            var sentenceStart = i == 0 || words[i - 1].EndsWith('.') || words[i - 1].EndsWith('?') || words[i - 1].EndsWith('!') || words[i - 1].EndsWith(':');
            if (word.Length > 1 && char.IsUpper(word[0]) && !sentenceStart && word.Skip(1).Any(char.IsLower))
            {
                facts.Add(TextNormalizer.Normalize(word));
            }
        }

        return facts.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when the tokens mention the fact (numbers compare by value: "30.0" mentions "30").</summary>
    public static bool Mentions(IReadOnlyCollection<string> tokens, string fact)
    {
        if (double.TryParse(fact, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return tokens.Any(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n.Equals(number));
        }

        var parts = fact.Split(' ');
        return parts.All(tokens.Contains);
    }
}
