namespace SloQuality.Core.Hallucination.Features;

/// <summary>What an output is judged against: the item's references, its context sentences, its known-incorrect claims, and its question.</summary>
public sealed record EvidenceSet(IReadOnlyList<Evidence> References, IReadOnlyList<Evidence> Context, IReadOnlyList<Evidence> Incorrect, string Question)
{
    public IReadOnlySet<string> QuestionWords { get; } = ContentWords.Of(Question).ToHashSet(StringComparer.Ordinal);

    /// <summary>References and context: everything that supports.</summary>
    public IEnumerable<Evidence> Support => References.Concat(Context);
}
