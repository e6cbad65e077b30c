namespace SloQuality.Core.Review;

/// <summary>A person's verdict on one output of a run: hallucinated or not, by whom, and why.</summary>
/// <param name="Line">The sheet's line the label came from (0 when it did not come from a sheet).</param>
public sealed record ReviewLabel(string RunId, string ItemId, int Repeat, bool Hallucinated, string? Reviewer, string? Note, int Line = 0);
