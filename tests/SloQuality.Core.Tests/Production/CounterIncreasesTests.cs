using SloQuality.Core.Production;

namespace SloQuality.Core.Tests.Production;

public sealed class CounterIncreasesTests
{
    private static readonly double[] Boundaries = [0, 300, 600, 900];

    private static PrometheusSeries Series(string instance, params (double Time, double Value)[] samples) =>
        new(new Dictionary<string, string> { ["instance"] = instance }, samples);

    [Fact]
    public void EachSliceGetsTheIncreaseBetweenItsBoundaries()
    {
        var slices = CounterIncreases.PerSlice(Boundaries, [Series("a", (0, 10), (300, 15), (600, 15), (900, 40))], _ => "x");

        Assert.Equal([5.0, 0.0, 25.0], slices.Select(s => s.GetValueOrDefault("x")));
    }

    [Fact]
    public void ACounterThatDropsWasResetAndItsNewValueIsTheIncrease()
    {
        var slices = CounterIncreases.PerSlice(Boundaries, [Series("a", (0, 100), (300, 120), (600, 7), (900, 9))], _ => "x");

        Assert.Equal([20.0, 7.0, 2.0], slices.Select(s => s.GetValueOrDefault("x")));
    }

    [Fact]
    public void AMissingBoundaryCarriesTheLastValueForward()
    {
        // The scrape at 600 was lost: the growth shows up in the next slice, counted once.
        var slices = CounterIncreases.PerSlice(Boundaries, [Series("a", (0, 10), (300, 20), (900, 50))], _ => "x");

        Assert.Equal(40.0, slices.Sum(s => s.GetValueOrDefault("x")));
        Assert.Equal(10.0, slices[0]["x"]);
    }

    [Fact]
    public void ASeriesFirstSeenAfterTheFirstBoundaryCountsFromZero()
    {
        // A new finish reason (or a new instance) appears mid-range: all of it happened in between.
        var slices = CounterIncreases.PerSlice(Boundaries, [Series("a", (600, 4), (900, 6))], _ => "x");

        Assert.Equal([0.0, 4.0, 2.0], slices.Select(s => s.GetValueOrDefault("x")));
    }

    [Fact]
    public void OneInstanceRestartingLosesNothingOfAnother()
    {
        var slices = CounterIncreases.PerSlice(
            Boundaries,
            [Series("a", (0, 1000), (300, 1010), (600, 3), (900, 5)), Series("b", (0, 50), (300, 60), (600, 70), (900, 80))],
            _ => "x");

        Assert.Equal([20.0, 13.0, 12.0], slices.Select(s => s.GetValueOrDefault("x")));
    }
}
