using SloQuality.Core.Text;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// The words of a text that carry its claim: normalised tokens without stop words, reduced to a crude
/// stem ("originated", "origin" and "originates" meet; "Californian" meets "California"), so that
/// overlap counts what an answer says, not how it says it.
/// </summary>
public static partial class ContentWords
{
    // Tokens come without apostrophes ("don't" is "dont"): the lists are written as people spell the
    // words and compared as tokens read them.
    private static readonly HashSet<string> StopWords = WithoutApostrophes(new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into", "about",
        "within", "inside", // "within 30 days" and "inside of 30 days" say the same; the number carries the claim
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "has", "have", "had", "having",
        "it", "its", "it's", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "we", "you", "your", "i", "me", "my",
        "will", "would", "can", "could", "should", "shall", "may", "might", "must", "so", "than", "then", "which", "who", "whom", "what", "when", "where", "why", "how",
        "all", "any", "some", "such", "also", "very", "just", "only", "more", "most", "other", "up", "out", "over", "s",
        "there's", "here's", "that's", "what's", "let's", "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'll", "you'd", "we're", "we've",
        "we'll", "they're", "they've", "he's", "she's", "who's", "im", "ive",
    });

    /// <summary>Negation words: kept as content, and read by <see cref="Negated"/>.</summary>
    private static readonly HashSet<string> Negations = WithoutApostrophes(new[]
    {
        "no", "not", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "cannot", "can't", "don't", "doesn't", "didn't",
        "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "without",
    });

    private static HashSet<string> WithoutApostrophes(IEnumerable<string> words) =>
        words.SelectMany(w => new[] { w, w.Replace("'", string.Empty, StringComparison.Ordinal) }).ToHashSet(StringComparer.Ordinal);

    public static bool IsNegation(string token) => Negations.Contains(token);

    public static IReadOnlyList<string> Of(string text) =>
        TextNormalizer.Tokens(text).Where(t => !StopWords.Contains(t) && !Negations.Contains(t)).Select(Stem).ToList();

    /// <summary>
    /// Capitalised words that are not stop words, wherever they stand ("Virginia Woolf wrote it" names
    /// Virginia and Woolf), lower-cased: the names an answer commits to.
    /// </summary>
    public static IReadOnlyList<string> Names(string text) =>
        NameLike().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => !StopWords.Contains(w) && !Negations.Contains(w) && w is not ("yes" or "no")).Distinct(StringComparer.Ordinal).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\p{Lu}[\p{Ll}\p{Lu}'’-]+\b")]
    private static partial System.Text.RegularExpressions.Regex NameLike();

    /// <summary>
    /// The words of a statement that are not its question's, stop words out but negations in, in order
    /// and unstemmed ("the spiciest part of a chili pepper is the placenta" → "placenta"): what an
    /// answer adds, to embed apart from the topic every answer shares.
    /// </summary>
    public static string Gist(string text, IReadOnlySet<string> questionWords)
    {
        var kept = TextNormalizer.Tokens(text).Where(t => Negations.Contains(t) || (!StopWords.Contains(t) && !questionWords.Contains(Stem(t)))).ToList();
        return kept.Count == 0 ? text : string.Join(' ', kept);
    }

    /// <summary>
    /// True when the statement is negated an odd number of times ("it is not true that it is not" is
    /// not). A leading "no" or "yes" answers the question rather than negating the statement ("No, it
    /// cannot be returned" is negated once): the polarity feature reads it.
    /// </summary>
    public static bool Negated(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        var start = tokens.Count > 1 && tokens[0] is "no" or "yes" ? 1 : 0;
        return tokens.Skip(start).Count(Negations.Contains) % 2 == 1;
    }

    public static string Stem(string word)
    {
        if (word.Length <= 4 || char.IsDigit(word[0]))
        {
            return word;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    private static readonly string[] Suffixes = ["ations", "ation", "ness", "ments", "ment", "ingly", "ing", "ated", "ates", "ate", "ies", "ied", "ers", "er", "ed", "es", "ly", "an", "ns", "n", "s", "e", "y"];
}
