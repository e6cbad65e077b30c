using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Drift;

/// <summary>
/// The run's items with their drift similarity filled in, the assessment (null without a baseline),
/// and the baseline's outputs by item id, for reports that show both texts side by side.
/// </summary>
public sealed record DriftOutcome(IReadOnlyList<ItemResult> Items, DriftAssessment? Assessment, IReadOnlyDictionary<string, string> BaselineOutputs);
