using SloQuality.Core.Production;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Production;

/// <summary>
/// Percentiles of production traffic come from Prometheus histograms, so they are known only to the
/// bucket. These use vLLM's own bucket bounds (vllm/v1/metrics/loggers.py) and a known true percentile.
/// </summary>
public sealed class HistogramIntervalTests
{
    private static readonly double[] VllmTtftBounds = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    private static readonly double[] VllmInterTokenBounds = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];

    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>10,000 log-normal latencies (seconds) scaled so their p99 is exactly <paramref name="p99Seconds"/>.</summary>
    private static double[] Latencies(double p99Seconds, int seed)
    {
        var random = new Random(seed);
        var raw = Enumerable.Range(0, 10_000).Select(_ => Math.Exp(0.6 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).Order().ToArray();
        var scale = p99Seconds / raw[(int)Math.Round(0.99 * (raw.Length - 1))];
        return raw.Select(v => v * scale).ToArray();
    }

    /// <summary>The cumulative buckets Prometheus would scrape for these observations, as vLLM exports them.</summary>
    private static Dictionary<string, double> Cumulative(double[] seconds, double[] bounds)
    {
        var buckets = bounds.ToDictionary(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture), b => (double)seconds.Count(s => s <= b));
        buckets["+Inf"] = seconds.Length;
        return buckets;
    }

    private static SloEvaluation Fold(string sli, double targetMs, LatencySketch sketch)
    {
        var slo = new SloDefinition { Name = "p99", Sli = sli, Operator = "<", Target = targetMs, Objective = 0.99, Window = new SloWindow(SloWindow.Daily) };
        var slice = new SliceAggregate { RunId = "prometheus:vllm", ModelTarget = "vllm", DatasetName = string.Empty, SliceStart = Day.AddHours(3), Source = SliceSources.Prometheus, Items = sketch.Count, Answered = sketch.Count };
        (sli.StartsWith("ttft", StringComparison.Ordinal) ? slice.Ttft : slice.InterToken).Merge(sketch);
        return new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "vllm", Day, Day.AddDays(1), Day.AddDays(1), [slice]);
    }

    [Fact]
    public void ATrueFirstTokenP99OfOnePointEightSecondsLiesInsideTheIntervalWhichSpansItsBucket()
    {
        var sketch = BucketSketch.FromCumulative(Cumulative(Latencies(1.8, seed: 1), VllmTtftBounds));
        var p99 = sketch.Estimate(0.99);

        Assert.InRange(1800, p99.Low!.Value, p99.High!.Value);
        Assert.True(p99.Low <= 1000 && p99.High >= 2500, $"[{p99.Low}, {p99.High}] should span vLLM's (1 s, 2.5 s] bucket");
        Assert.Equal((1000, 2500), sketch.BucketOf(0.99));
    }

    [Fact]
    public void ATrueInterTokenP99Of120MillisecondsLiesInsideTheIntervalWhichSpansItsBucket()
    {
        var sketch = BucketSketch.FromCumulative(Cumulative(Latencies(0.120, seed: 2), VllmInterTokenBounds));
        var p99 = sketch.Estimate(0.99);

        Assert.InRange(120, p99.Low!.Value, p99.High!.Value);
        Assert.True(p99.Low <= 100 && p99.High >= 150, $"[{p99.Low}, {p99.High}] should span vLLM's (100 ms, 150 ms] bucket");
    }

    [Theory]
    [InlineData(2000, SloEvaluation.Inconclusive)]
    [InlineData(1200, SloEvaluation.Inconclusive)]
    [InlineData(3000, SloEvaluation.Met)]
    [InlineData(900, SloEvaluation.Breached)]
    public void AnSloWhoseTargetLiesInsideThePercentilesBucketIsInconclusiveNeverMetOrBreached(double targetMs, string status)
    {
        var evaluation = Fold("ttft_p99", targetMs, BucketSketch.FromCumulative(Cumulative(Latencies(1.8, seed: 3), VllmTtftBounds)));

        Assert.Equal(status, evaluation.Status);
        Assert.Equal(new HistogramBucket(1000, 2500), evaluation.Bucket);
    }

    [Fact]
    public void ReportsSayTheFigureCameFromBucketsAndHowWideTheyWere()
    {
        var row = SloFigures.For(Fold("itl_p99", 130, BucketSketch.FromCumulative(Cumulative(Latencies(0.120, seed: 4), VllmInterTokenBounds))));

        Assert.Contains("(from histogram buckets: in (100 ms, 150 ms])", row.Value);
        Assert.Equal("inconclusive", row.Status);
    }

    [Fact]
    public void APercentileInThePlusInfBucketHasNoUpperEndAndIsNeverMet()
    {
        var sketch = BucketSketch.FromCumulative(new Dictionary<string, double> { ["0.5"] = 10, ["1"] = 50, ["+Inf"] = 100 });
        var evaluation = Fold("ttft_p99", 60_000, sketch);

        Assert.Equal(double.PositiveInfinity, evaluation.High);
        Assert.Equal(SloEvaluation.Inconclusive, evaluation.Status);
        Assert.Contains("[1000 ms, ∞]", SloFigures.For(evaluation).Interval);
    }

    [Fact]
    public void MeasuredReplayLatenciesKeepTheirNarrowIntervalAndTheirStoredBytes()
    {
        var exact = new LatencySketch();
        foreach (var ms in Latencies(1.8, seed: 5))
        {
            exact.Add(ms * 1000);
        }

        var p99 = exact.Estimate(0.99);
        var bytes = exact.ToBytes();

        Assert.Null(exact.HistogramBounds);
        Assert.Equal(1, bytes[0]);
        Assert.InRange(p99.High!.Value - p99.Low!.Value, 0, 300);
        Assert.Null(Fold("ttft_p99", 2000, exact).Bucket);
    }

    [Fact]
    public void BoundsSurviveStorageAndMergingWithMeasuredValuesOrAnotherLayout()
    {
        var bucketed = BucketSketch.FromCumulative(Cumulative(Latencies(1.8, seed: 6), VllmTtftBounds));
        var stored = LatencySketch.FromBytes(bucketed.ToBytes());
        var measured = new LatencySketch();
        measured.Add(1500);
        var coarser = BucketSketch.FromCumulative(new Dictionary<string, double> { ["0.5"] = 1, ["5"] = 2, ["+Inf"] = 2 });

        measured.Merge(stored);
        var both = LatencySketch.FromBytes(stored.ToBytes());
        both.Merge(coarser);

        Assert.Equal(bucketed.HistogramBounds, stored.HistogramBounds);
        Assert.Equal(bucketed.HistogramBounds, measured.HistogramBounds);
        Assert.Equal([500.0, 5000.0], both.HistogramBounds!);
        Assert.Equal((500, 5000), both.BucketOf(0.99));
    }

    [Fact]
    public void AnEmptyHistogramBringsNoBoundsToMeasuredValues()
    {
        var measured = new LatencySketch();
        measured.Add(1500);

        measured.Merge(BucketSketch.FromCumulative(new Dictionary<string, double> { ["1"] = 0, ["+Inf"] = 0 }));

        Assert.Null(measured.HistogramBounds);
    }
}
