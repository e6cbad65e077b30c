namespace SloQuality.Core.Slo;

/// <summary>Which bucket of a histogram a value rebuilt from it lies in.</summary>
public static class HistogramBuckets
{
    /// <summary>
    /// The bucket (lower bound exclusive, upper inclusive, in the bounds' unit) holding a value that is
    /// known within <paramref name="relativeAccuracy"/>: the first bucket starts at 0, the +Inf bucket
    /// ends at infinity. Near a bound the wider answer is given, so the bucket is never too narrow.
    /// </summary>
    public static (double Low, double High) Containing(IReadOnlyList<double> bounds, double value, double relativeAccuracy)
    {
        var low = 0.0;
        var high = double.PositiveInfinity;
        foreach (var bound in bounds)
        {
            if (bound < value * (1 - relativeAccuracy))
            {
                low = bound;
            }
            else if (bound >= value / (1 - relativeAccuracy))
            {
                high = bound;
                break;
            }
        }

        return (low, high);
    }
}
