namespace SloQuality.Core.Statistics;

/// <summary>
/// A sample quantile with a distribution-free 95% interval from order statistics (the ranks a binomial
/// count of samples below the true quantile would reach), and the sample count.
/// </summary>
public sealed record QuantileEstimate(double Quantile, double? Value, double? Low, double? High, int N)
{
    private const double Z95 = 1.959963984540054;

    /// <summary>Estimates from ascending-sorted samples; the value is the linearly interpolated quantile.</summary>
    public static QuantileEstimate FromSorted(IReadOnlyList<double> sorted, double quantile)
    {
        var n = sorted.Count;
        if (n == 0)
        {
            return new QuantileEstimate(quantile, null, null, null, 0);
        }

        var position = quantile * (n - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, n - 1);
        var value = sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));

        var spread = Z95 * Math.Sqrt(n * quantile * (1 - quantile));
        var lowRank = (int)Math.Clamp(Math.Floor((n * quantile) - spread), 0, n - 1);
        var highRank = (int)Math.Clamp(Math.Ceiling((n * quantile) + spread), 0, n - 1);
        return new QuantileEstimate(quantile, value, sorted[lowRank], sorted[highRank], n);
    }
}
