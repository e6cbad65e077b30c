namespace SloQuality.Core.Slo;

/// <summary>
/// One service level objective: an SLI, an operator and target in the SLI's own unit (a ratio for
/// rates, milliseconds for latency, cosine similarity for drift, tokens/s, minutes for MTTR), a window,
/// how the budget is counted, and the share of good events or slices promised (<see cref="Objective"/>).
/// </summary>
public sealed record SloDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Sli { get; init; }

    /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
    public required string Operator { get; init; }

    public required double Target { get; init; }

    public required SloWindow Window { get; init; }

    public SloBudgeting Budgeting { get; init; } = SloBudgeting.ByOccurrences;

    /// <summary>
    /// The promised share of good events (occurrences) or good slices (timeslices). Derived when not
    /// given: a rate's own target (1 − target for a bad rate), a percentile's quantile (p99: 0.99).
    /// </summary>
    public required double Objective { get; init; }

    public SloScope Scope { get; init; } = SloScope.All;

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public string Criticality { get; init; } = "medium";

    /// <summary>For an <c>mttr</c> SLO: the SLO whose incidents it measures.</summary>
    public string? Of { get; init; }

    /// <summary>True when <paramref name="value"/> satisfies the operator and target (or a slice target).</summary>
    public bool Satisfies(double value, double? target = null)
    {
        var t = target ?? Target;
        return Operator switch
        {
            "<" => value < t,
            "<=" => value <= t,
            ">" => value > t,
            _ => value >= t,
        };
    }
}
