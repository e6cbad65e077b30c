using SloQuality.Core.Scoring;

namespace SloQuality.Core.Hallucination.Features;

/// <summary>
/// One statement of evidence (a reference answer, a context sentence), counter-evidence (a known-incorrect
/// claim) or a claim of the output, with its embedding and the word sets the features compare.
/// </summary>
/// <param name="Text">The statement without its opener and leading yes or no (see <see cref="Claims.ClaimSplitter.Unwrap"/>).</param>
/// <param name="Gist">The embedding of the words that are not the question's (what the statement adds to it), or empty.</param>
/// <param name="Lead">+1 when it was led by a yes, −1 by a no, 0 otherwise.</param>
/// <param name="Asks">True for a claim that is a question with content of its own.</param>
public sealed record Evidence(string Text, ReadOnlyMemory<float> Embedding, ReadOnlyMemory<float> Gist = default, int Lead = 0, bool Asks = false)
{
    public IReadOnlyList<string> Words { get; } = ContentWords.Of(Text);

    public IReadOnlySet<string> WordSet => wordSet ??= Words.ToHashSet(StringComparer.Ordinal);

    /// <summary>Normalised tokens, stop words kept (for facts and word pairs).</summary>
    public IReadOnlyList<string> Tokens => tokens ??= Text.Length == 0 ? [] : [.. SloQuality.Core.Text.TextNormalizer.Tokens(Text)];

    public IReadOnlyList<string> Facts => facts ??= KeyFacts.Of(Text);

    public bool Negated { get; } = ContentWords.Negated(Text);

    /// <summary>For a claim: the embeddings of its words that the evidence does not hold (compared word by word with the evidence's vocabulary).</summary>
    public IReadOnlyList<NovelWord> NovelWords { get; init; } = [];

    /// <summary>A clause of a longer statement, which shares that statement's embedding until one of its own is needed (see <see cref="EvidenceSet.Statements"/>).</summary>
    public bool IsClause { get; init; }

    private HashSet<string>? wordSet;
    private IReadOnlyList<string>? tokens;
    private IReadOnlyList<string>? facts;
}

/// <summary>A word of a claim that the evidence does not hold, unstemmed, with its embedding.</summary>
public readonly record struct NovelWord(string Word, ReadOnlyMemory<float> Embedding);
