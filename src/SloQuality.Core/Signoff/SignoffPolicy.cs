namespace SloQuality.Core.Signoff;

/// <summary>
/// What a candidate must show to be approved (<c>jobs/signoff.yaml</c>; these are the documented defaults):
/// every SLO in scope met (<see cref="SloByInterval"/>: by its whole 95% interval, or by the point
/// estimate), and no regression against the baseline that is both significant at <see cref="Alpha"/>
/// after Holm's correction across the sign-off's metrics and larger than the tolerated margin.
/// </summary>
public sealed record SignoffPolicy
{
    public double Alpha { get; init; } = 0.05;

    /// <summary>True: an SLO counts as met only when its interval shows it (else: insufficient evidence).</summary>
    public bool SloByInterval { get; init; } = true;

    /// <summary>Tolerated drop of the correctness rate (absolute).</summary>
    public double CorrectnessMargin { get; init; } = 0.01;

    /// <summary>Tolerated rise of the hallucination rate (absolute).</summary>
    public double HallucinationMargin { get; init; } = 0.005;

    /// <summary>Tolerated drop of availability (absolute).</summary>
    public double AvailabilityMargin { get; init; } = 0.005;

    /// <summary>Tolerated rise of a latency percentile, relative to the baseline's (0.10 = 10%).</summary>
    public double LatencyMargin { get; init; } = 0.10;

    /// <summary>Bootstrap resamples for the latency differences.</summary>
    public int Resamples { get; init; } = 2000;

    public int Seed { get; init; } = 1;

    /// <summary>The SLOs of <c>slos.yaml</c> that gate a release (null: all of them; empty: none, regressions only).</summary>
    public IReadOnlyList<string>? Slos { get; init; }

    public bool Gates(string slo) => Slos is null || Slos.Contains(slo, StringComparer.Ordinal);
}
