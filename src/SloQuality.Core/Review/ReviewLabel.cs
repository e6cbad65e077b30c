namespace SloQuality.Core.Review;

/// <summary>A person's verdict on one output of a run: hallucinated or not, by whom, and why.</summary>
public sealed record ReviewLabel(string RunId, string ItemId, int Repeat, bool Hallucinated, string? Reviewer, string? Note);
