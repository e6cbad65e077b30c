namespace SloQuality.Core.Statistics;

/// <summary>
/// Holm's step-down correction: which of several tests reject while the chance of any false rejection
/// stays at most alpha. Uniformly more powerful than Bonferroni, and needs no independence.
/// </summary>
public static class HolmCorrection
{
    /// <summary>The adjusted p-values, in the order given (a test rejects when its adjusted p &lt; alpha).</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }

        return adjusted;
    }
}
