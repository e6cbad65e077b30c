using System.Globalization;

namespace SloQuality.Core.Drift;

/// <summary>
/// Maximum mean discrepancy between the baseline and current output embeddings: the unbiased MMD²
/// with a Gaussian (RBF) kernel whose bandwidth is the median pairwise distance of the pooled sample
/// (the median heuristic). Catches changes of shape a centroid misses, such as a share of answers
/// moving to a new meaning. p-value from random pair swaps over one precomputed kernel matrix.
/// </summary>
public sealed class MmdTest : IDriftTest
{
    public string Name => "mmd";

    public DriftTestResult? Run(IReadOnlyList<DriftPair> pairs, DriftOptions options)
    {
        var n = pairs.Count;
        if (n < options.MinimumItems)
        {
            return null;
        }

        // Points 0..n-1 are the baseline outputs, n..2n-1 the current ones.
        var points = pairs.Select(p => p.Baseline).Concat(pairs.Select(p => p.Current)).ToArray();
        var squared = new double[2 * n, 2 * n];
        var distances = new List<double>(n * ((2 * n) - 1));
        for (var i = 0; i < 2 * n; i++)
        {
            for (var j = i + 1; j < 2 * n; j++)
            {
                squared[i, j] = squared[j, i] = EmbeddingVectors.SquaredDistance(points[i], points[j]);
                distances.Add(squared[i, j]);
            }
        }

        distances.Sort();
        var median = distances[distances.Count / 2];
        var bandwidth = median > 0 ? median : 1;
        var kernel = new double[2 * n, 2 * n];
        for (var i = 0; i < 2 * n; i++)
        {
            for (var j = 0; j < 2 * n; j++)
            {
                kernel[i, j] = Math.Exp(-squared[i, j] / (2 * bandwidth));
            }
        }

        var identity = new bool[n];
        var observed = Statistic(kernel, n, identity);
        var p = PairSwaps.PValue(n, options.Permutations, options.Seed, observed, swapped => Statistic(kernel, n, swapped));
        var detail = string.Create(CultureInfo.InvariantCulture, $"unbiased MMD² (RBF, median-heuristic bandwidth {Math.Sqrt(bandwidth):0.000}): {observed:0.00000} (threshold {options.MmdThreshold})");
        return new DriftTestResult(Name, observed, p, null, options.MmdThreshold, false, detail);
    }

    /// <summary>MMD²_u where pair i's two points trade places when <paramref name="swapped"/>[i].</summary>
    private static double Statistic(double[,] kernel, int n, bool[] swapped)
    {
        double xx = 0, yy = 0, xy = 0;
        for (var i = 0; i < n; i++)
        {
            var xi = swapped[i] ? n + i : i;
            var yi = swapped[i] ? i : n + i;
            for (var j = 0; j < n; j++)
            {
                var xj = swapped[j] ? n + j : j;
                var yj = swapped[j] ? j : n + j;
                if (i != j)
                {
                    xx += kernel[xi, xj];
                    yy += kernel[yi, yj];
                    xy += kernel[xi, yj];
                }
            }
        }

        // The unbiased estimator leaves out the i = j terms of all three sums (the U-statistic of
        // Gretton et al. 2012, Lemma 6), so that identical distributions give 0 on average.
        return (xx + yy - (2 * xy)) / (n * (n - 1.0));
    }
}
