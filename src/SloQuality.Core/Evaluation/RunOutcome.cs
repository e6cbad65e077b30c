namespace SloQuality.Core.Evaluation;

/// <summary>A finished run: its summary and every item result it counts.</summary>
/// <remarks><paramref name="BaselineOutputs"/>: the baseline's output per item id (empty without a baseline), for side-by-side reports.</remarks>
public sealed record RunOutcome(RunSummary Summary, IReadOnlyList<ItemResult> Results, IReadOnlyDictionary<string, string> BaselineOutputs);
