namespace SloQuality.Core.Reports.Quality;

/// <summary>
/// One item worth a look: its run, dataset and id, the output, a score (hallucination score, drift
/// similarity or TTFT in ms), the unsupported claims, and for drift the baseline's output.
/// </summary>
public sealed record WorstItem(string RunId, string Dataset, string ItemId, string Output, double? Score, IReadOnlyList<string> Claims, string? BaselineOutput);
