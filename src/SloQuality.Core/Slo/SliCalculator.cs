using SloQuality.Core.Hallucination.Correction;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Slo;

/// <summary>Reads an SLO's SLI from an aggregate of slices (one slice, a day, a window).</summary>
public static class SliCalculator
{
    /// <param name="labels">Human labels by dataset (null for a dataset without enough): the hallucination rate is corrected with them.</param>
    public static SliReading Read(SloDefinition slo, AvailabilityCounting counting, SliceAggregate a, Func<string, IReadOnlyList<HumanLabel>?>? labels = null)
    {
        switch (slo.Sli)
        {
            case SliKinds.CorrectnessRate:
                return Rate(a.Correct, a.Judged, good: true);
            case SliKinds.HallucinationRate:
                return Hallucination(a, labels);
            case SliKinds.SuccessRate:
                return Rate(a.Answered, a.Items, good: true);
            case SliKinds.Availability:
                var bad = a.Unavailable
                    + (counting.ContentFilter ? a.ContentFiltered : 0)
                    + (counting.Truncation ? a.Truncated : 0)
                    + (counting.SevereDrift ? a.SevereDrift : 0);
                return Rate(a.Items - bad, a.Items, good: true);
            case SliKinds.DriftSimilarity:
                return Drift(slo, a);
            case SliKinds.ThroughputTps:
                return a.GenerationSeconds <= 0 ? SliReading.Empty : new SliReading(a.OutputTokens / a.GenerationSeconds, null, null, a.Answered, 0, 0);
            case var sli when SliKinds.Percentiles.TryGetValue(sli, out var p):
                var sketch = a.Sketch(p.Metric);
                if (sketch.Count == 0)
                {
                    return SliReading.Empty;
                }

                var estimate = sketch.Estimate(p.Quantile);
                var good = slo.Operator == "<" ? sketch.CountAtMost(Math.BitDecrement(slo.Target)) : sketch.CountAtMost(slo.Target);
                return new SliReading(estimate.Value, estimate.Low, estimate.High, sketch.Count, good, sketch.Count)
                {
                    Bucket = sketch.BucketOf(p.Quantile) is { } bucket ? new HistogramBucket(bucket.Low, bucket.High) : null,
                };
            default:
                return SliReading.Empty;
        }
    }

    /// <summary>
    /// The hallucination rate: per dataset, corrected by its human labels where there are enough
    /// (<see cref="CorrectedRate"/>), else the detector's share; weighed by each dataset's answered
    /// outputs, with a normal interval from the summed variances. Without any correction it is the
    /// detector's rate with its Wilson interval, as before labels existed.
    /// </summary>
    private static SliReading Hallucination(SliceAggregate a, Func<string, IReadOnlyList<HumanLabel>?>? labels)
    {
        var detector = Rate(a.Hallucinated, a.Answered, good: false) with { Estimate = "detector" };
        if (labels is null || a.Answered <= 0)
        {
            return a.Answered <= 0 ? SliReading.Empty : detector;
        }

        var parts = new List<(long N, double Rate, double Variance, bool Corrected)>();
        foreach (var (dataset, strata) in a.Strata.Where(s => s.Value.Total > 0))
        {
            if (labels(dataset) is { } found)
            {
                var (rate, variance) = CorrectedRate.RateAndVariance(strata, found);
                parts.Add((strata.Total, rate, variance, true));
            }
            else
            {
                parts.Add(Detector(strata.Total, strata.Flagged.Sum()));
            }
        }

        if (!parts.Any(p => p.Corrected))
        {
            return detector;
        }

        // Slices written before scores were kept (or outputs without one) count as the detector saw them.
        var rest = a.Answered - parts.Sum(p => p.N);
        if (rest > 0)
        {
            parts.Add(Detector(rest, Math.Max(0, a.Hallucinated - a.Strata.Values.Sum(s => s.Flagged.Sum()))));
        }

        var n = parts.Sum(p => p.N);
        var value = Math.Clamp(parts.Sum(p => p.N * p.Rate) / n, 0, 1);
        var half = Z95 * Math.Sqrt(parts.Sum(p => (double)p.N / n * ((double)p.N / n) * p.Variance));
        var bad = (long)Math.Round(value * n);
        return new SliReading(value, Math.Max(0, value - half), Math.Min(1, value + half), n, n - bad, n)
        {
            Estimate = parts.All(p => p.Corrected) ? "corrected" : "mixed",
        };
    }

    private static (long N, double Rate, double Variance, bool Corrected) Detector(long n, long flagged)
    {
        // A binomial variance, smoothed so that 0 of n does not claim certainty.
        var p = (flagged + 0.5) / (n + 1.0);
        return (n, (double)flagged / n, p * (1 - p) / n, false);
    }

    private const double Z95 = 1.959963984540054;

    /// <summary>A rate with its Wilson interval; the events are good/total whichever way the rate points.</summary>
    private static SliReading Rate(long count, long total, bool good)
    {
        if (total <= 0)
        {
            return SliReading.Empty;
        }

        var wilson = RateEstimate.Wilson((int)Math.Min(count, int.MaxValue), (int)Math.Min(total, int.MaxValue));
        return new SliReading(wilson.Rate, wilson.Low, wilson.High, total, good ? count : total - count, total);
    }

    private static SliReading Drift(SloDefinition slo, SliceAggregate a)
    {
        var n = a.DriftCount;
        if (n == 0)
        {
            return SliReading.Empty;
        }

        var mean = a.DriftSum / n;
        var variance = n > 1 ? Math.Max(0, (a.DriftSumOfSquares - (n * mean * mean)) / (n - 1)) : 0;
        var half = 1.959963984540054 * Math.Sqrt(variance / n);
        // Good items for an occurrence budget: similarity at or above the target, i.e. distance at most 1 − target.
        var good = a.DriftDistance.CountAtMost(1 - slo.Target);
        return new SliReading(mean, Math.Max(-1, mean - half), Math.Min(1, mean + half), n, good, n);
    }

    /// <summary>The sum of the slices (a fresh aggregate; the inputs are left as they are).</summary>
    public static SliceAggregate Sum(IEnumerable<SliceAggregate> slices, string target = "", string dataset = "")
    {
        var sum = new SliceAggregate { RunId = string.Empty, ModelTarget = target, DatasetName = dataset, SliceStart = DateTimeOffset.MinValue };
        foreach (var slice in slices)
        {
            sum.Merge(slice);
        }

        return sum;
    }
}
