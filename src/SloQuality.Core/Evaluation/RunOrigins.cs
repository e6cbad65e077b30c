namespace SloQuality.Core.Evaluation;

/// <summary>
/// What started a run. SLOs count production's runs (scheduled, asked for through the API or the
/// command line) and imported production traffic by default, never a sign-off's: a release candidate
/// is not in production, and trying one must not page anyone.
/// </summary>
public static class RunOrigins
{
    /// <summary>A recurring job of jobs/schedules.yaml, a first run of a new dataset, or "Trigger now".</summary>
    public const string Schedule = "schedule";

    /// <summary><c>POST /api/runs</c>.</summary>
    public const string Api = "api";

    /// <summary><c>sloq evaluate</c>.</summary>
    public const string Cli = "cli";

    /// <summary>A model-release sign-off's candidate or baseline run.</summary>
    public const string Signoff = "signoff";

    /// <summary>Not a run: traffic imported from production (Prometheus). Chosen in <c>origins:</c> like one.</summary>
    public const string Production = "production";

    public static IReadOnlyList<string> All { get; } = [Schedule, Api, Cli, Signoff, Production];

    /// <summary>What an SLO counts when <c>slos.yaml</c> does not say.</summary>
    public static IReadOnlyList<string> CountedByDefault { get; } = [Schedule, Api, Cli, Production];

    public static bool IsKnown(string origin) => All.Contains(origin, StringComparer.Ordinal);
}
