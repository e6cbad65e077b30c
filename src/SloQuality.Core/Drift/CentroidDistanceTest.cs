using System.Globalization;

namespace SloQuality.Core.Drift;

/// <summary>
/// Cosine distance between the mean baseline embedding and the mean current embedding: a whole-set
/// shift of topic or style. p-value from random pair swaps.
/// </summary>
public sealed class CentroidDistanceTest : IDriftTest
{
    public string Name => "centroid";

    public DriftTestResult? Run(IReadOnlyList<DriftPair> pairs, DriftOptions options)
    {
        if (pairs.Count < options.MinimumItems)
        {
            return null;
        }

        var dimensions = pairs[0].Baseline.Length;
        // Per-pair difference vectors: a swap only flips the sign of that pair's difference, so each
        // permutation costs one pass over the differences, not a recomputation of both centroids.
        var sumB = new double[dimensions];
        var sumC = new double[dimensions];
        foreach (var pair in pairs)
        {
            for (var k = 0; k < dimensions; k++)
            {
                sumB[k] += pair.Baseline[k];
                sumC[k] += pair.Current[k];
            }
        }

        var observed = Distance(sumB, sumC);
        var b = new double[dimensions];
        var c = new double[dimensions];
        var p = PairSwaps.PValue(pairs.Count, options.Permutations, options.Seed, observed, swapped =>
        {
            Array.Copy(sumB, b, dimensions);
            Array.Copy(sumC, c, dimensions);
            for (var i = 0; i < swapped.Length; i++)
            {
                if (!swapped[i])
                {
                    continue;
                }

                var pair = pairs[i];
                for (var k = 0; k < dimensions; k++)
                {
                    var delta = pair.Current[k] - pair.Baseline[k];
                    b[k] += delta;
                    c[k] -= delta;
                }
            }

            return Distance(b, c);
        });

        var detail = string.Create(CultureInfo.InvariantCulture, $"cosine distance between the output centroids: {observed:0.00000} (threshold {options.CentroidThreshold})");
        return new DriftTestResult(Name, observed, p, null, options.CentroidThreshold, false, detail);
    }

    private static double Distance(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }

        return na == 0 || nb == 0 ? 0 : 1 - (dot / Math.Sqrt(na * nb));
    }
}
