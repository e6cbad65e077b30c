namespace SloQuality.Core.Hallucination.Features;

/// <summary>One statement of evidence (a reference answer, a context sentence) or counter-evidence (a known-incorrect claim), with its embedding.</summary>
/// <param name="Gist">The embedding of the words that are not the question's (what the statement adds to it), or empty.</param>
public sealed record Evidence(string Text, ReadOnlyMemory<float> Embedding, ReadOnlyMemory<float> Gist = default)
{
    public IReadOnlyList<string> Words { get; } = ContentWords.Of(Text);

    public bool Negated { get; } = ContentWords.Negated(Text);
}
