namespace SloQuality.Core.Signoff;

/// <summary>
/// The verdict and every rule behind it: <c>rejected</c> when a rule fails, else
/// <c>insufficient-evidence</c> when a rule cannot be shown with the items at hand, else <c>approved</c>.
/// </summary>
public sealed record SignoffVerdict(string Verdict, IReadOnlyList<SignoffRule> Rules, int PairedItems)
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string InsufficientEvidence = "insufficient-evidence";

    /// <summary>0 approved, 1 rejected, 2 insufficient evidence (for CI pipelines).</summary>
    public int ExitCode => Verdict switch { Approved => 0, Rejected => 1, _ => 2 };

    public static string Decide(IReadOnlyList<SignoffRule> rules) =>
        rules.Any(r => r.Outcome == SignoffRule.Fail) ? Rejected
        : rules.Any(r => r.Outcome == SignoffRule.Insufficient) ? InsufficientEvidence
        : Approved;
}
