using SloQuality.Core.Statistics;

namespace SloQuality.Core.Drift;

/// <summary>
/// The run's drift against its approved baseline (the <c>drift</c> block of <c>summary.json</c>).
/// <see cref="JudgedAgainst"/> says whether the verdict compared with the baseline's own noise floor
/// or, lacking one, with the absolute similarity threshold.
/// </summary>
public sealed record DriftAssessment
{
    public const string Drift = "drift";
    public const string NoDrift = "no_drift";
    public const string InsufficientData = "insufficient_data";

    public required string BaselineRunId { get; init; }

    public required string EmbeddingModel { get; init; }

    /// <summary>Items of this run with a baseline output (compared) and without one (similarity null).</summary>
    public int ItemsCompared { get; init; }

    public int ItemsWithoutBaseline { get; init; }

    public required MeanEstimate MeanSimilarity { get; init; }

    public double ItemThreshold { get; init; }

    /// <summary>Items whose similarity is under <see cref="ItemThreshold"/>, with its Wilson interval.</summary>
    public required RateEstimate BelowThreshold { get; init; }

    /// <summary>The baseline's run-to-run similarity over the compared items, or null without a noise floor.</summary>
    public MeanEstimate? NoiseFloor { get; init; }

    public string? NoiseSource { get; init; }

    /// <summary><c>noise_floor</c> or <c>threshold</c>.</summary>
    public required string JudgedAgainst { get; init; }

    public required IReadOnlyList<DriftTestResult> Tests { get; init; }

    /// <summary><see cref="Drift"/>, <see cref="NoDrift"/> or <see cref="InsufficientData"/>.</summary>
    public required string Verdict { get; init; }

    /// <summary>One sentence for people: which tests raised drift, or why none did.</summary>
    public required string Explanation { get; init; }
}
