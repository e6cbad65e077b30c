using System.Runtime.CompilerServices;
using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// What the lexical scorers need from an item, tokenised once per item instead of once per output:
/// scoring sits on the replay hot path, and an item is scored many times (repeats, runs, targets).
/// </summary>
internal sealed class ItemEvidence
{
    private static readonly ConditionalWeakTable<GoldenItem, ItemEvidence> Cache = new();

    private ItemEvidence(GoldenItem item)
    {
        References = item.Reference.Select(r => new Answer(r, TextNormalizer.Tokens(r))).ToList();
        Incorrect = item.Incorrect.Select(i => new Answer(i, TextNormalizer.Tokens(i))).ToList();
        var evidence = item.Reference.Concat(item.Context).Append(item.Prompt).ToList();
        Tokens = new HashSet<string>(evidence.SelectMany(TextNormalizer.Tokens), StringComparer.Ordinal);
        Sentences = evidence.SelectMany(SplitSentences).Select(TextNormalizer.Tokens).ToList();
    }

    /// <summary>A reference or incorrect answer with its tokens and, made on first use, its key facts.</summary>
    public sealed record Answer(string Text, IReadOnlyList<string> Tokens)
    {
        private IReadOnlyList<string>? facts;

        public IReadOnlyList<string> Facts => facts ??= KeyFacts.Of(Text);
    }

    public IReadOnlyList<Answer> References { get; }

    public IReadOnlyList<Answer> Incorrect { get; }

    /// <summary>Every token of the references, context and prompt.</summary>
    public HashSet<string> Tokens { get; }

    /// <summary>The tokens of each sentence of the references, context and prompt.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Sentences { get; }

    public static ItemEvidence For(GoldenItem item) => Cache.GetValue(item, i => new ItemEvidence(i));

    /// <summary>
    /// Sentences: a break after '.', '!' or '?' followed by white space and a capital letter, digit or
    /// quote, and at every newline. A single-sentence text comes back as itself, with no copy.
    /// </summary>
    public static List<string> SplitSentences(string text)
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
