namespace SloQuality.Core.Signoff;

/// <summary>What to sign off: the candidate target, the baseline (a target or a run id), who asks, and how old a baseline run may be to be reused.</summary>
public sealed record SignoffRequest(string Candidate, string Baseline, string? Approver, TimeSpan MaxBaselineAge);
