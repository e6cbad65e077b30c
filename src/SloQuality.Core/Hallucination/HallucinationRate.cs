using System.Text.Json.Serialization;
using SloQuality.Core.Hallucination.Correction;
using SloQuality.Core.Hallucination.SelfCheck;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// A run's hallucination rate: the detector's verdicts (rate, Wilson interval, count), the rate corrected
/// by the detector's error as human labels measured it on this dataset (absent with too few labels,
/// <see cref="CorrectedNote"/> says why), and the detector's self-check on the golden answers.
/// </summary>
public sealed record HallucinationRate(double? Rate, double? Low, double? High, int Successes, int N)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CorrectedEstimate? Corrected { get; init; }

    /// <summary>Why there is no corrected rate (too few labels, none at all); null when there is one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrectedNote { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SelfCheckResult? SelfCheck { get; init; }

    public static HallucinationRate From(RateEstimate detector) => new(detector.Rate, detector.Low, detector.High, detector.Successes, detector.N);

    /// <summary>The detector's own rate.</summary>
    [JsonIgnore]
    public RateEstimate Detector => new(Rate, Low, High, Successes, N);

    /// <summary>The rate to act on: the corrected one where there is one, else the detector's.</summary>
    [JsonIgnore]
    public RateEstimate Best => Corrected?.AsRate(N) ?? Detector;
}
