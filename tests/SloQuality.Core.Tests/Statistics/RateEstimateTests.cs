using SloQuality.Core.Statistics;

namespace SloQuality.Core.Tests.Statistics;

public sealed class RateEstimateTests
{
    [Theory]
    // Reference values from the Wilson score formula (z = 1.96), as given by statsmodels proportion_confint(method="wilson").
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(0, 50, 0.0, 0.0714)]
    [InlineData(50, 50, 0.9286, 1.0)]
    public void TheWilsonIntervalMatchesReferenceValues(int successes, int n, double low, double high)
    {
        var estimate = RateEstimate.Wilson(successes, n);

        Assert.Equal((double)successes / n, estimate.Rate!.Value, 10);
        Assert.Equal(low, estimate.Low!.Value, 3);
        Assert.Equal(high, estimate.High!.Value, 3);
        Assert.Equal(n, estimate.N);
    }

    [Fact]
    public void NoSamplesGiveNoEstimate()
    {
        var estimate = RateEstimate.Wilson(0, 0);

        Assert.Null(estimate.Rate);
        Assert.Equal(0, estimate.N);
    }

    [Fact]
    public void AQuantileIntervalContainsTheQuantileAndNarrowsWithMoreSamples()
    {
        var small = QuantileEstimate.FromSorted(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 0.5);
        var large = QuantileEstimate.FromSorted(Enumerable.Range(1, 10_000).Select(i => i / 100.0).ToArray(), 0.5);

        Assert.Equal(50.5, small.Value!.Value, 6);
        Assert.InRange(small.Value.Value, small.Low!.Value, small.High!.Value);
        Assert.True((large.High - large.Low) / 100 < (small.High - small.Low) / 100);
    }
}
