using System.Globalization;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// The facts a paraphrase must keep: numbers and capitalised names that are not the first word of a
/// sentence. Cheap, language-agnostic enough for references, and exactly what hallucinations change.
/// </summary>
public static class KeyFacts
{
    /// <summary>The key facts of a text, normalised as <see cref="TextNormalizer"/> normalises tokens.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        List<string>? facts = null;
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (!char.IsLetterOrDigit(ch))
            {
                if (ch is '.' or '?' or '!' or ':')
                {
                    sentenceStart = true;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsInsideNumber(text, i)))
            {
                i++;
            }

            var word = text.AsSpan(start, i - start);
            string? fact = null;
            if (char.IsDigit(word[0]))
            {
                fact = TextNormalizer.Normalize(word.ToString());
            }
            else if (!sentenceStart && word.Length > 1 && char.IsUpper(word[0]) && HasLower(word[1..]))
            {
                fact = word.ToString().ToLowerInvariant();
            }

            if (fact is { Length: > 0 } && !(facts ??= []).Contains(fact))
            {
                facts.Add(fact);
            }

            sentenceStart = false;
        }

        return facts ?? (IReadOnlyList<string>)[];
    }

    /// <summary>True when the tokens mention the fact (numbers compare by value: "30.0" mentions "30").</summary>
    public static bool Mentions(IReadOnlyCollection<string> tokens, string fact)
    {
        if (double.TryParse(fact, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            foreach (var token in tokens)
            {
                if (token.Length > 0 && char.IsDigit(token[0]) && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n.Equals(number))
                {
                    return true;
                }
            }

            return false;
        }

        return tokens.Contains(fact);
    }

    private static bool IsInsideNumber(string text, int i) =>
        text[i] is '.' or ',' && i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]);

    private static bool HasLower(ReadOnlySpan<char> word)
    {
        foreach (var ch in word)
        {
            if (char.IsLower(ch))
            {
                return true;
            }
        }

        return false;
    }
}
