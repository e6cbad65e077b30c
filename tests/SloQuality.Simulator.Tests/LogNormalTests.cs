namespace SloQuality.Simulator.Tests;

public sealed class LogNormalTests
{
    [Fact]
    public void SamplesHaveTheConfiguredMedianAndP99()
    {
        var distribution = new LogNormal(MedianMs: 200, P99Ms: 900);
        var random = new Random(7);
        var samples = Enumerable.Range(0, 200_000).Select(_ => distribution.Sample(random)).Order().ToArray();

        Assert.InRange(samples[100_000], 196, 204);
        Assert.InRange(samples[198_000], 870, 930);
    }

    [Fact]
    public void AZeroMedianMeansNoDelay() =>
        Assert.Equal(0, new LogNormal(0, 0).Sample(new Random(1)));
}
