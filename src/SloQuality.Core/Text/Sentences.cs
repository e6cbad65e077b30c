namespace SloQuality.Core.Text;

/// <summary>Splits text into sentences, the claims that scorers, detectors and judges look at one by one.</summary>
public static class Sentences
{
    /// <summary>
    /// Sentences: a break after '.', '!' or '?' followed by white space and a capital letter, digit or
    /// quote, and at every newline. A single-sentence text comes back as itself, with no copy.
    /// </summary>
    public static List<string> Split(string text)
    {
        var sentences = new List<string>(2);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var isBreak = ch == '\n'
                || (ch is '.' or '!' or '?' && i + 2 < text.Length && char.IsWhiteSpace(text[i + 1]) && StartsSentence(text, i + 1));
            if (isBreak)
            {
                Add(sentences, text, start, i + 1);
                start = i + 1;
            }
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool StartsSentence(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && (char.IsUpper(text[i]) || char.IsDigit(text[i]) || text[i] is '"' or '“');
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start).Trim();
        if (span.Length > 0)
        {
            sentences.Add(span.Length == text.Length ? text : span.ToString());
        }
    }
}
