using SloQuality.Core.Statistics;

namespace SloQuality.Core.Hallucination.Correction;

/// <summary>
/// The hallucination rate corrected by the detector's measured error: prediction-powered inference
/// (Angelopoulos et al., Science 2023) with the PPI++ weight (Angelopoulos, Duchi and Zrnic 2023), per
/// stratum of the review design. In each stratum of the detector's calibrated probability p, the rate is
/// λ·mean(p over the outputs estimated) + mean(Y − λ·p over the labelled outputs), where Y is the
/// person's verdict; λ = Cov(Y, p) / ((1 + n/N)·Var(p)) clipped to [0, 1] makes the interval never
/// wider than the labels alone would give, and a detector no better than chance gets λ ≈ 0, so the
/// estimate follows the labels. Strata are weighed by their share of the outputs estimated, which
/// undoes the sampler's oversampling of the borderline band; a stratum with fewer than
/// <see cref="LabelsPerStratum"/> labels is merged into its neighbour. Outputs whose exact text was
/// labelled count by their label. The assumption: the labelled outputs come from recent runs of the same
/// dataset, so within a stratum they err as the outputs estimated do.
/// </summary>
public static class CorrectedRate
{
    public const string Method = "ppi++ stratified by detector score";

    public const int LabelsPerStratum = 5;

    private const double Z95 = 1.959963984540054;

    /// <summary>The corrected rate of the outputs summed in <paramref name="population"/> plus <paramref name="known"/> outputs counted by their label.</summary>
    /// <param name="labels">The labels measuring the detector on this dataset, with its score and verdict on each labelled output.</param>
    /// <param name="known">Outputs of the population whose exact text was labelled: (how many, how many hallucinated); they are not in <paramref name="population"/>.</param>
    public static CorrectedEstimate Estimate(HallucinationStrata population, IReadOnlyList<HumanLabel> labels, (int Count, int Hallucinated) known = default)
    {
        var (rate, variance, strata) = Compute(population, labels, known);
        var half = Z95 * Math.Sqrt(variance);
        var (sensitivity, specificity) = Accuracy(strata, population.Total);
        return new CorrectedEstimate(
            Math.Round(Math.Clamp(rate, 0, 1), 6), Math.Round(Math.Clamp(rate - half, 0, 1), 6), Math.Round(Math.Clamp(rate + half, 0, 1), 6),
            labels.Count, sensitivity, specificity, Method);
    }

    /// <summary>The unclipped estimate and its variance, for callers that combine several datasets' rates.</summary>
    public static (double Rate, double Variance) RateAndVariance(HallucinationStrata population, IReadOnlyList<HumanLabel> labels)
    {
        var (rate, variance, _) = Compute(population, labels, default);
        return (rate, variance);
    }

    private static (double Rate, double Variance, List<Group> Strata) Compute(HallucinationStrata population, IReadOnlyList<HumanLabel> labels, (int Count, int Hallucinated) known)
    {
        var n = population.Total;
        var total = n + known.Count;
        var strata = Merge(population, labels);
        double rest = 0, variance = 0;
        foreach (var s in strata.Where(s => s.N > 0))
        {
            var (theta, v) = Stratum(s);
            var w = (double)s.N / n;
            rest += w * theta;
            variance += w * w * v;
        }

        var share = total == 0 ? 0 : (double)n / total;
        var rate = total == 0 ? 0 : (known.Hallucinated + (n * rest)) / total;
        return (rate, share * share * variance, strata);
    }

    /// <summary>A population given output by output (a run): each output's detector score and verdict.</summary>
    public static HallucinationStrata Population(IEnumerable<(double Score, bool Flagged)> outputs)
    {
        var strata = new HallucinationStrata();
        foreach (var (score, flagged) in outputs)
        {
            strata.Add(score, flagged);
        }

        return strata;
    }

    private sealed record Group(int N, double Sum, double SumOfSquares, List<HumanLabel> Labels);

    /// <summary>The strata, neighbours merged until each that holds outputs has enough labels (or one is left).</summary>
    private static List<Group> Merge(HallucinationStrata population, IReadOnlyList<HumanLabel> labels)
    {
        var groups = Enumerable.Range(0, ScoreStrata.Count)
            .Select(h => new Group((int)population.Count[h], population.Sum[h], population.SumOfSquares[h], labels.Where(l => ScoreStrata.Of(l.Score) == h).ToList()))
            .ToList();
        while (groups.Count > 1 && groups.Select((g, i) => (g, i)).Where(x => x.g.N > 0 && x.g.Labels.Count < LabelsPerStratum).ToList() is { Count: > 0 } thin)
        {
            var i = thin.MinBy(x => x.g.Labels.Count).i;
            // Into the neighbour with more labels (the band next to it in score order).
            var j = i == 0 ? 1 : i == groups.Count - 1 ? i - 1 : groups[i - 1].Labels.Count >= groups[i + 1].Labels.Count ? i - 1 : i + 1;
            var (a, b) = (groups[Math.Min(i, j)], groups[Math.Max(i, j)]);
            groups[Math.Min(i, j)] = new Group(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares, [.. a.Labels, .. b.Labels]);
            groups.RemoveAt(Math.Max(i, j));
        }

        return groups;
    }

    /// <summary>PPI++ within one stratum: the estimate and its variance.</summary>
    private static (double Theta, double Variance) Stratum(Group s)
    {
        var meanU = s.Sum / s.N;
        var varU = s.N > 1 ? Math.Max(0, (s.SumOfSquares - (s.Sum * s.Sum / s.N)) / (s.N - 1)) : 0;
        var labels = s.Labels;
        if (labels.Count == 0)
        {
            // No label can say how the detector errs here: its own probability, with the widest binomial doubt.
            return (meanU, 0.25);
        }

        var m = labels.Count;
        var y = labels.Select(l => l.Hallucinated ? 1.0 : 0.0).ToArray();
        var p = labels.Select(l => l.Score).ToArray();
        var (meanY, meanP) = (y.Average(), p.Average());
        var covariance = m > 1 ? y.Zip(p, (a, b) => (a - meanY) * (b - meanP)).Sum() / (m - 1) : 0;
        var varP = m > 1 ? p.Sum(b => (b - meanP) * (b - meanP)) / (m - 1) : 0;
        var lambda = varP < 1e-12 ? 0 : Math.Clamp(covariance / ((1 + ((double)m / s.N)) * varP), 0, 1);
        var residuals = y.Zip(p, (a, b) => a - (lambda * b)).ToArray();
        var meanR = residuals.Average();
        var varR = m > 1 ? residuals.Sum(r => (r - meanR) * (r - meanR)) / (m - 1) : 0.25;
        if (meanY is 0 or 1)
        {
            // Every label in the stratum says the same: the sample variance would be ~0 however few the
            // labels; a Jeffreys-smoothed binomial variance keeps the interval honest about what 5 or 20 cannot show.
            var smoothed = (y.Sum() + 0.5) / (m + 1);
            varR = Math.Max(varR, smoothed * (1 - smoothed));
        }

        return ((lambda * meanU) + meanR, (lambda * lambda * varU / s.N) + (varR / m));
    }

    /// <summary>The detector's sensitivity and specificity against the labels, each stratum weighed by its share of the outputs estimated.</summary>
    private static (double? Sensitivity, double? Specificity) Accuracy(List<Group> strata, long n)
    {
        double caught = 0, positives = 0, cleared = 0, negatives = 0;
        foreach (var s in strata.Where(s => s.N > 0 && s.Labels.Count > 0))
        {
            var w = (double)s.N / n / s.Labels.Count;
            caught += w * s.Labels.Count(l => l.Hallucinated && l.Flagged);
            positives += w * s.Labels.Count(l => l.Hallucinated);
            cleared += w * s.Labels.Count(l => !l.Hallucinated && !l.Flagged);
            negatives += w * s.Labels.Count(l => !l.Hallucinated);
        }

        return (positives > 0 ? Math.Round(caught / positives, 4) : null, negatives > 0 ? Math.Round(cleared / negatives, 4) : null);
    }
}

/// <summary>A person's verdict on one output, with the detector's calibrated score and verdict on the same output, and when its run started.</summary>
public sealed record HumanLabel(string ItemId, string Output, double Score, bool Flagged, bool Hallucinated, DateTimeOffset At = default);

/// <summary>The corrected rate with its 95% interval, the labels behind it, and the detector's error as they measured it.</summary>
public sealed record CorrectedEstimate(double Rate, double Low, double High, int Labels, double? Sensitivity, double? Specificity, string Method)
{
    public RateEstimate AsRate(int n) => new(Rate, Low, High, (int)Math.Round(Rate * n), n);
}
