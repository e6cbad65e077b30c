namespace SloQuality.Core.Signoff;

/// <summary>One rule of a sign-off with its numbers: an SLO the candidate must meet, or a metric it must not regress on.</summary>
public sealed record SignoffRule(
    string Name,
    string Kind,
    string Outcome,
    string Detail,
    double? PValue = null,
    double? AdjustedPValue = null,
    int? ItemsNeeded = null)
{
    public const string Slo = "slo";
    public const string Regression = "regression";

    /// <summary>Reported with the sign-off, never failing it.</summary>
    public const string Drift = "drift";

    /// <summary>Reported with the sign-off, never failing it (the corrected hallucination rates).</summary>
    public const string Reported = "reported";
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Insufficient = "insufficient";

    /// <summary>Neither run has data for the metric (say, no streamed gaps): nothing to compare, no effect on the verdict.</summary>
    public const string NotMeasured = "not_measured";
}
