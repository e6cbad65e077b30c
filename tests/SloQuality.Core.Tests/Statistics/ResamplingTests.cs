using SloQuality.Core.Statistics;

namespace SloQuality.Core.Tests.Statistics;

public sealed class ResamplingTests
{
    [Fact]
    public void HolmAdjustsTheSmallestPValueMostAndKeepsTheOrder()
    {
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03]);
        Assert.Equal([0.03, 0.06, 0.06], adjusted.Select(p => Math.Round(p, 10)));
    }

    [Fact]
    public void TheBootstrapIntervalHoldsTheMeanAndIsReproducible()
    {
        var values = Enumerable.Range(0, 50).Select(i => 0.8 + (i % 10 * 0.02)).ToList();
        var first = MeanEstimate.Bootstrap(values, 2000, seed: 1);

        Assert.Equal(values.Average(), first.Mean!.Value, 12);
        Assert.True(first.Low < first.Mean && first.Mean < first.High);
        Assert.Equal(first, MeanEstimate.Bootstrap(values, 2000, seed: 1));
        Assert.Equal(new MeanEstimate(null, null, null, 0), MeanEstimate.Bootstrap([], 2000, 1));
    }

    [Fact]
    public void SpearmanGivesTiesTheirMeanRank()
    {
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([2, 2, 5]));
        Assert.Equal(1.0, RankCorrelation.Spearman([1, 2, 3, 4], [10, 20, 30, 400]), 12);
        Assert.Equal(-1.0, RankCorrelation.Spearman([1, 2, 3], [3, 2, 1]), 12);
    }
}
