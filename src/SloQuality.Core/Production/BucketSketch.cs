using System.Globalization;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Production;

/// <summary>
/// Rebuilds a latency sketch (milliseconds) from the increases of a Prometheus histogram's cumulative
/// buckets. Within a bucket the values are spread evenly, as Prometheus' own <c>histogram_quantile</c>
/// assumes; what falls beyond the last finite bound is put just above it. The sketch keeps the bounds
/// (<see cref="LatencySketch.HistogramBounds"/>), so its percentiles claim no more precision than the
/// buckets give.
/// </summary>
public static class BucketSketch
{
    /// <summary>Points a bucket's count is spread over (each carrying a share of the count).</summary>
    private const int PointsPerBucket = 64;

    public static LatencySketch FromCumulative(IReadOnlyDictionary<string, double> cumulativeByLe)
    {
        var bounds = cumulativeByLe
            .Select(e => (Le: ParseLe(e.Key), Count: Math.Max(0, Math.Round(e.Value))))
            .Where(b => !double.IsNaN(b.Le))
            .OrderBy(b => b.Le)
            .ToList();
        var sketch = new LatencySketch
        {
            HistogramBounds = bounds.Where(b => !double.IsPositiveInfinity(b.Le)).Select(b => b.Le * 1000).Distinct().ToArray(),
        };
        var (previousBound, previousCount) = (0.0, 0.0);
        foreach (var (le, cumulative) in bounds)
        {
            var count = (long)Math.Max(0, cumulative - previousCount);
            if (count > 0)
            {
                if (double.IsPositiveInfinity(le))
                {
                    // Beyond the last bound: just above it, so the value reads as in the +Inf bucket.
                    var above = previousBound * 1000 * (1 + (4 * LatencySketch.RelativeAccuracy));
                    Spread(sketch, above, above, count);
                }
                else
                {
                    Spread(sketch, previousBound * 1000, le * 1000, count);
                }
            }

            previousCount = Math.Max(previousCount, cumulative);
            if (!double.IsPositiveInfinity(le))
            {
                previousBound = le;
            }
        }

        return sketch;
    }

    private static void Spread(LatencySketch sketch, double lowMs, double highMs, long count)
    {
        var points = (int)Math.Min(count, PointsPerBucket);
        for (var i = 0; i < points; i++)
        {
            // Integer shares that add up to the count exactly.
            var share = (count * (i + 1) / points) - (count * i / points);
            var value = lowMs + ((highMs - lowMs) * (i + 0.5) / points);
            sketch.Add(Math.Max(value, LatencySketch.MinimumValue), share);
        }
    }

    private static double ParseLe(string le) => le switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        _ => double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
    };
}
