using System.Text.Json.Serialization;

namespace SloQuality.Core.Hallucination.Calibration;

/// <summary>
/// How a model's raw score reads as a probability for each kind of evidence, and the threshold that
/// gives the best balanced accuracy on the pooled out-of-fold predictions of its training data. Saved in
/// the model's card; <c>jobs/hallucination.yaml</c> can override the thresholds.
/// </summary>
public sealed record DetectorCalibration(
    [property: JsonPropertyName("scaling")] IReadOnlyDictionary<string, PlattScaling> Scaling,
    [property: JsonPropertyName("thresholds")] IReadOnlyDictionary<string, double> Thresholds)
{
    public const double DefaultThreshold = 0.5;

    public static DetectorCalibration Uncalibrated { get; } = new(new Dictionary<string, PlattScaling>(), new Dictionary<string, double>());

    public double Probability(EvidenceKind kind, double raw) =>
        (Scaling.GetValueOrDefault(EvidenceKinds.Name(kind)) ?? PlattScaling.Identity).Probability(raw);

    public double Threshold(EvidenceKind kind) => Thresholds.GetValueOrDefault(EvidenceKinds.Name(kind), DefaultThreshold);

    /// <summary>
    /// Per kind: Platt scaling of the pooled out-of-fold raw scores, then the threshold (on a 0.01 grid) of
    /// the best balanced accuracy averaged over the sources of that kind, so no one large source's share of
    /// hallucinations decides it for the others.
    /// </summary>
    public static DetectorCalibration Fit(IReadOnlyList<CalibrationCase> outOfFold)
    {
        var scaling = new Dictionary<string, PlattScaling>();
        var thresholds = new Dictionary<string, double>();
        foreach (var group in outOfFold.GroupBy(o => o.Kind))
        {
            var platt = PlattScaling.Fit(group.Select(o => (o.Raw, o.Hallucinated, (double)o.Weight)).ToList());
            scaling[EvidenceKinds.Name(group.Key)] = platt;
            var sources = group.GroupBy(o => o.Source).Select(s => s.Select(o => (platt.Probability(o.Raw), o.Hallucinated, (double)o.Weight)).ToList()).ToList();
            thresholds[EvidenceKinds.Name(group.Key)] = BestThreshold(sources);
        }

        return new DetectorCalibration(scaling, thresholds);
    }

    /// <summary>The threshold of the highest balanced accuracy averaged over the sources that hold both verdicts; ties go to the one nearest 0.5.</summary>
    public static double BestThreshold(IReadOnlyList<IReadOnlyList<(double Probability, bool Hallucinated, double Weight)>> sources)
    {
        var usable = sources.Where(s => s.Any(x => x.Hallucinated) && s.Any(x => !x.Hallucinated)).ToList();
        if (usable.Count == 0)
        {
            return DefaultThreshold;
        }

        var (best, bestScore) = (DefaultThreshold, double.MinValue);
        for (var t = 0.05; t <= 0.951; t += 0.01)
        {
            var threshold = Math.Round(t, 2);
            var score = usable.Average(s => Balanced(s, threshold)) - (Math.Abs(threshold - 0.5) * 1e-6);
            if (score > bestScore)
            {
                (best, bestScore) = (threshold, score);
            }
        }

        return best;
    }

    private static double Balanced(IReadOnlyList<(double Probability, bool Hallucinated, double Weight)> scored, double threshold)
    {
        var positives = scored.Where(s => s.Hallucinated).Sum(s => s.Weight);
        var negatives = scored.Where(s => !s.Hallucinated).Sum(s => s.Weight);
        var recall = scored.Where(s => s.Hallucinated && s.Probability >= threshold).Sum(s => s.Weight) / positives;
        var specificity = scored.Where(s => !s.Hallucinated && s.Probability < threshold).Sum(s => s.Weight) / negatives;
        return (recall + specificity) / 2;
    }
}

/// <summary>One out-of-fold score the calibration is fitted on: its kind of evidence, the raw score, the truth, its weight and the data it came from.</summary>
public sealed record CalibrationCase(EvidenceKind Kind, double Raw, bool Hallucinated, float Weight, string Source);
