using SloQuality.Core.Production;

namespace SloQuality.Core.Tests.Production;

public sealed class BucketSketchTests
{
    [Fact]
    public void CountsFallInTheirBucketsAndAddUpToTheTotal()
    {
        var sketch = BucketSketch.FromCumulative(new Dictionary<string, double> { ["0.1"] = 10, ["0.2"] = 90, ["0.5"] = 100, ["+Inf"] = 100 });

        Assert.Equal(100, sketch.Count);
        Assert.Equal(10, sketch.CountAtMost(100));
        Assert.Equal(90, sketch.CountAtMost(200.5));
        Assert.InRange(sketch.Estimate(0.5).Value!.Value, 100, 200);
    }

    [Fact]
    public void AQuantileIsInterpolatedWithinItsBucketAsHistogramQuantileDoes()
    {
        // 1,000 values spread evenly over (0.1 s, 0.2 s]: the median is 150 ms.
        var sketch = BucketSketch.FromCumulative(new Dictionary<string, double> { ["0.1"] = 0, ["0.2"] = 1000, ["+Inf"] = 1000 });

        Assert.Equal(150, sketch.Estimate(0.5).Value!.Value, 150 * 0.01);
    }

    [Fact]
    public void ValuesBeyondTheLastBoundReadJustAboveItWithAnUnboundedInterval()
    {
        var sketch = BucketSketch.FromCumulative(new Dictionary<string, double> { ["1"] = 5, ["+Inf"] = 8 });
        var p99 = sketch.Estimate(0.99);

        Assert.Equal(8, sketch.Count);
        Assert.Equal(1000, p99.Value!.Value, 1000 * 0.03);
        Assert.Equal(1000, p99.Low);
        Assert.Equal(double.PositiveInfinity, p99.High);
    }

    [Fact]
    public void AnEmptyHistogramGivesAnEmptySketch() =>
        Assert.Equal(0, BucketSketch.FromCumulative(new Dictionary<string, double> { ["0.1"] = 0, ["+Inf"] = 0 }).Count);
}
