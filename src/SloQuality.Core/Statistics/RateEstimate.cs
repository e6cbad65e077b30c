namespace SloQuality.Core.Statistics;

/// <summary>A proportion with its 95% Wilson score interval and the counts behind it.</summary>
public sealed record RateEstimate(double? Rate, double? Low, double? High, int Successes, int N)
{
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson interval keeps its coverage near 95% for small samples and rates near 0 or 1, where
    /// the normal (Wald) interval collapses to zero width, which is exactly where SLOs live.
    /// </summary>
    public static RateEstimate Wilson(int successes, int n)
    {
        if (n <= 0)
        {
            return new RateEstimate(null, null, null, 0, 0);
        }

        var p = (double)successes / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        // At 0 or n successes the bound is exactly 0 or 1; rounding must not print 3E-18.
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == n ? 1 : Math.Min(1, centre + half);
        return new RateEstimate(p, low, high, successes, n);
    }

    public override string ToString() => Rate is null
        ? "n/a (n = 0)"
        : $"{Rate:P1} [{Low:P1}, {High:P1}] (n = {N})";
}
