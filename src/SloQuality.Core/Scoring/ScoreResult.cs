namespace SloQuality.Core.Scoring;

/// <summary>A scorer's verdict on one output: a score in 0..1, pass or fail, and why.</summary>
public sealed record ScoreResult(string Scorer, double Score, bool Passed, string? Reason = null);
