using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// What an item gives the detector to judge an output against. The kinds differ in how sharp the
/// evidence is, so each has its own calibration and threshold (<c>jobs/hallucination.yaml</c>).
/// </summary>
public enum EvidenceKind
{
    /// <summary>References and known-incorrect claims: the output is compared with both sides.</summary>
    KnownMistakes,

    /// <summary>References (with or without a context) and no known mistakes.</summary>
    References,

    /// <summary>A context alone (RAG, summaries, grounded dialogue): every claim must be supported by it.</summary>
    Context,
}

public static class EvidenceKinds
{
    public static readonly IReadOnlyList<EvidenceKind> All = [EvidenceKind.KnownMistakes, EvidenceKind.References, EvidenceKind.Context];

    public static EvidenceKind Of(GoldenItem item) =>
        item.Incorrect.Count > 0 && item.Reference.Count > 0 ? EvidenceKind.KnownMistakes
        : item.Reference.Count > 0 ? EvidenceKind.References
        : EvidenceKind.Context;

    /// <summary>The name in YAML and JSON: <c>known_mistakes</c>, <c>references</c>, <c>context</c>.</summary>
    public static string Name(EvidenceKind kind) => kind switch
    {
        EvidenceKind.KnownMistakes => "known_mistakes",
        EvidenceKind.References => "references",
        _ => "context",
    };

    public static EvidenceKind? Parse(string name) => All.Cast<EvidenceKind?>().FirstOrDefault(k => Name(k!.Value) == name);
}
