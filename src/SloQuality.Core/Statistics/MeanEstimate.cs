namespace SloQuality.Core.Statistics;

/// <summary>A mean with its 95% percentile-bootstrap interval and the sample count.</summary>
public sealed record MeanEstimate(double? Mean, double? Low, double? High, int N)
{
    /// <summary>
    /// Resamples the values with replacement (seeded, so the same values always give the same interval).
    /// The percentile bootstrap needs no normality, which per-item similarities (bunched near 1 with a
    /// long tail of moved items) do not have.
    /// </summary>
    public static MeanEstimate Bootstrap(IReadOnlyList<double> values, int resamples, int seed)
    {
        var n = values.Count;
        if (n == 0)
        {
            return new MeanEstimate(null, null, null, 0);
        }

        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += values[random.Next(n)];
            }

            means[r] = sum / n;
        }

        Array.Sort(means);
        return new MeanEstimate(values.Average(), Percentile(means, 0.025), Percentile(means, 0.975), n);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
