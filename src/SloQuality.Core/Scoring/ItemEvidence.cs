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
        Sentences = evidence.SelectMany(Text.Sentences.Split).Select(TextNormalizer.Tokens).ToList();
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
}
