using SloQuality.Core.Statistics;

namespace SloQuality.Core.Slo;

/// <summary>Reads an SLO's SLI from an aggregate of slices (one slice, a day, a window).</summary>
public static class SliCalculator
{
    public static SliReading Read(SloDefinition slo, AvailabilityCounting counting, SliceAggregate a)
    {
        switch (slo.Sli)
        {
            case SliKinds.CorrectnessRate:
                return Rate(a.Correct, a.Answered, good: true);
            case SliKinds.HallucinationRate:
                return Rate(a.Hallucinated, a.Answered, good: false);
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
                return new SliReading(estimate.Value, estimate.Low, estimate.High, sketch.Count, good, sketch.Count);
            default:
                return SliReading.Empty;
        }
    }

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
