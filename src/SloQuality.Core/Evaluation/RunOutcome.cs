namespace SloQuality.Core.Evaluation;

/// <summary>A finished run: its summary and every item result it counts.</summary>
public sealed record RunOutcome(RunSummary Summary, IReadOnlyList<ItemResult> Results);
