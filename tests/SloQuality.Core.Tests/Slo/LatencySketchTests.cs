using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

public sealed class LatencySketchTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void QuantilesAreWithinHalfAPercentOfTheExactSampleQuantile(double q)
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 100_000).Select(_ => Math.Exp(5 + (random.NextDouble() * 3))).ToArray();
        var sketch = new LatencySketch();
        foreach (var s in samples)
        {
            sketch.Add(s);
        }

        Array.Sort(samples);
        var exact = samples[(int)Math.Round(q * (samples.Length - 1))];
        Assert.InRange(sketch.Estimate(q).Value!.Value, exact * (1 - LatencySketch.RelativeAccuracy), exact * (1 + LatencySketch.RelativeAccuracy));
    }

    [Fact]
    public void MergingHalvesGivesTheSketchOfTheWhole()
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * 2000).ToList();
        var whole = new LatencySketch();
        var first = new LatencySketch();
        var second = new LatencySketch();
        for (var i = 0; i < values.Count; i++)
        {
            whole.Add(values[i]);
            (i % 2 == 0 ? first : second).Add(values[i]);
        }

        first.Merge(second);

        Assert.Equal(whole.Count, first.Count);
        Assert.Equal(whole.BucketCount, first.BucketCount);
        Assert.Equal(whole.Sum, first.Sum, 6);
        for (var rank = 0L; rank < whole.Count; rank += 97)
        {
            Assert.Equal(whole.ValueAtRank(rank), first.ValueAtRank(rank));
        }
    }

    [Fact]
    public void ASketchSurvivesItsStorageFormAndCountsZeros()
    {
        var sketch = new LatencySketch();
        sketch.Add(0, 5);
        sketch.Add(0.5, 3);
        sketch.Add(250, 10);
        sketch.Add(12_000, 2);

        var copy = LatencySketch.FromBytes(sketch.ToBytes());

        Assert.Equal(20, copy.Count);
        Assert.Equal(5, copy.ZeroCount);
        Assert.Equal(sketch.Estimate(0.5), copy.Estimate(0.5));
        Assert.Equal(0, copy.ValueAtRank(0));
        Assert.Equal(18, copy.CountAtMost(300));
        Assert.Equal(8, copy.CountAtMost(1));
    }
}
