using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Signoff;

namespace SloQuality.Core.Comparison;

/// <summary>
/// Two runs of one dataset side by side: per item both results (changed items first), the paired
/// differences with the sign-off's tests (McNemar on verdicts, paired bootstrap on latency, Holm across
/// them), and how far the outputs drifted between the runs.
/// </summary>
public sealed record RunComparison(RunRecord A, RunRecord B, IReadOnlyList<ItemPair> Items, IReadOnlyList<SignoffRule> Tests, SignoffRule Drift, int PairedItems)
{
    public bool SameDatasetVersion => A.DatasetHash == B.DatasetHash;

    public int Changed => Items.Count(i => i.Change != ItemPair.Unchanged);
}

/// <summary>One item (and repeat) in both runs; a side is null when that run has no result for it.</summary>
public sealed record ItemPair(string ItemId, int Repeat, GoldenItem? Item, ItemResult? A, ItemResult? B, string Change)
{
    /// <summary>The verdict differs (or one run lacks the item).</summary>
    public const string Verdict = "verdict";

    /// <summary>Same verdict, other words.</summary>
    public const string Output = "output";

    public const string Unchanged = "unchanged";
}
