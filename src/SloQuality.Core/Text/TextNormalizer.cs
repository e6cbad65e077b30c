using System.Globalization;
using System.Text;

namespace SloQuality.Core.Text;

/// <summary>
/// SQuAD-style answer normalisation: lower case, no punctuation, no articles, single spaces. Shared by
/// every lexical scorer so that "The Eiffel Tower." and "eiffel tower" compare equal everywhere.
/// </summary>
public static class TextNormalizer
{
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    public static string Normalize(string text) => string.Join(' ', Tokens(text));

    // The judge and the hallucination detector both tokenise the same output in turn on one thread.
    [ThreadStatic]
    private static string? lastText;

    [ThreadStatic]
    private static string[]? lastTokens;

    /// <summary>Normalised word tokens, articles removed.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        if (ReferenceEquals(text, lastText))
        {
            return lastTokens!;
        }

        var tokens = Tokenise(text);
        (lastText, lastTokens) = (text, tokens);
        return tokens;
    }

    private static string[] Tokenise(string text)
    {
        var tokens = new List<string>(text.Length / 5);
        var current = new StringBuilder(24);
        // Compatibility normalisation folds ligatures and full-width forms; ASCII needs none.
        var normalised = System.Text.Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < normalised.Length; i++)
        {
            var ch = normalised[i];
            var insideNumber = current.Length > 0 && char.IsDigit(current[^1]) && i + 1 < normalised.Length && char.IsDigit(normalised[i + 1]);
            if (char.IsLetterOrDigit(ch) || (ch == '.' && insideNumber))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch == ',' && insideNumber)
            {
                // "1,200" is one number.
            }
            else if (ch is '\'' or '’' && current.Length > 0)
            {
                // "don't" stays one token; a closing quote does not split a word.
            }
            else
            {
                Flush(current, tokens);
            }
        }

        Flush(current, tokens);
        return [.. tokens];
    }

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length == 0)
        {
            return;
        }

        var token = current.ToString();
        current.Clear();
        if (token.Length > 0 && !Articles.Contains(token))
        {
            tokens.Add(token);
        }
    }
}
