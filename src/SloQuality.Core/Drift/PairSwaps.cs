namespace SloQuality.Core.Drift;

/// <summary>
/// The null distribution of a paired design: under "no drift" the baseline and current output of an
/// item are exchangeable, so swapping them inside random pairs gives statistics the observed one is
/// ranked against. Swapping across items instead would ignore that both outputs answer the same
/// prompt, making the test needlessly weak.
/// </summary>
internal static class PairSwaps
{
    /// <summary>p = (1 + #null ≥ observed) / (1 + rounds): never 0, exact under exchangeability.</summary>
    public static double PValue(int pairs, int rounds, int seed, double observed, Func<bool[], double> statistic)
    {
        var random = new Random(seed);
        var swapped = new bool[pairs];
        var atLeast = 0;
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < pairs; i++)
            {
                swapped[i] = random.Next(2) == 1;
            }

            if (statistic(swapped) >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        return (1.0 + atLeast) / (1.0 + rounds);
    }
}
