namespace SloQuality.Core.Hallucination;

/// <summary>
/// A detector's view of one output: <see cref="Score"/> in 0..1 (higher = more likely hallucinated),
/// the verdict at the detector's threshold, and the claims it could not support.
/// </summary>
public sealed record HallucinationVerdict(bool Hallucinated, double Score, IReadOnlyList<string> UnsupportedClaims);
