using SloQuality.Core.Statistics;

namespace SloQuality.Core.Slo;

/// <summary>
/// A mergeable latency histogram in the manner of DDSketch: logarithmic buckets whose width is a fixed
/// share of their value, so any quantile is known within <see cref="RelativeAccuracy"/> (0.5%) of the
/// true sample quantile, and merging two sketches is adding their bucket counts. Slices of five minutes
/// each keep one; a 30-day percentile merges them instead of sorting millions of raw samples.
/// </summary>
public sealed class LatencySketch
{
    /// <summary>Every reported quantile is within this share of a true sample value of that rank.</summary>
    public const double RelativeAccuracy = 0.005;

    /// <summary>Values at or below this (in milliseconds) are counted as zero: below timer resolution.</summary>
    public const double MinimumValue = 1e-3;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);
    private readonly Dictionary<int, long> buckets = [];

    public long Count { get; private set; }

    public long ZeroCount { get; private set; }

    public double Sum { get; private set; }

    public int BucketCount => buckets.Count;

    public void Add(double value, long count = 1)
    {
        if (count <= 0 || double.IsNaN(value))
        {
            return;
        }

        Count += count;
        Sum += value * count;
        if (value <= MinimumValue)
        {
            ZeroCount += count;
            return;
        }

        var index = (int)Math.Ceiling(Math.Log(value) / LogGamma);
        buckets[index] = buckets.GetValueOrDefault(index) + count;
    }

    public void Merge(LatencySketch other)
    {
        foreach (var (index, count) in other.buckets)
        {
            buckets[index] = buckets.GetValueOrDefault(index) + count;
        }

        Count += other.Count;
        ZeroCount += other.ZeroCount;
        Sum += other.Sum;
    }

    /// <summary>The value of the sample of 0-based rank <paramref name="rank"/> (within the accuracy).</summary>
    public double ValueAtRank(long rank)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("an empty sketch has no ranks");
        }

        rank = Math.Clamp(rank, 0, Count - 1);
        if (rank < ZeroCount)
        {
            return 0;
        }

        var seen = ZeroCount;
        foreach (var index in buckets.Keys.Order())
        {
            seen += buckets[index];
            if (seen > rank)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }

        return 2 * Math.Pow(Gamma, buckets.Keys.Max()) / (Gamma + 1);
    }

    /// <summary>
    /// The quantile (lower-rank convention) with a distribution-free 95% interval from order statistics,
    /// as <see cref="QuantileEstimate.FromSorted"/> gives for raw samples.
    /// </summary>
    public QuantileEstimate Estimate(double quantile)
    {
        var n = Count;
        if (n == 0)
        {
            return new QuantileEstimate(quantile, null, null, null, 0);
        }

        var spread = 1.959963984540054 * Math.Sqrt(n * quantile * (1 - quantile));
        var low = (long)Math.Clamp(Math.Floor((n * quantile) - spread), 0, n - 1);
        var high = (long)Math.Clamp(Math.Ceiling((n * quantile) + spread), 0, n - 1);
        return new QuantileEstimate(quantile, ValueAtRank((long)Math.Round(quantile * (n - 1))), ValueAtRank(low), ValueAtRank(high), (int)Math.Min(n, int.MaxValue));
    }

    /// <summary>How many samples were at most <paramref name="threshold"/> (bucket-exact: within the accuracy).</summary>
    public long CountAtMost(double threshold)
    {
        var count = threshold >= 0 ? ZeroCount : 0;
        foreach (var (index, bucketCount) in buckets)
        {
            if (2 * Math.Pow(Gamma, index) / (Gamma + 1) <= threshold)
            {
                count += bucketCount;
            }
        }

        return count;
    }

    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write((byte)1);
            writer.Write7BitEncodedInt64(ZeroCount);
            writer.Write(Sum);
            writer.Write7BitEncodedInt(buckets.Count);
            var previous = 0;
            foreach (var index in buckets.Keys.Order())
            {
                writer.Write7BitEncodedInt(index - previous);
                writer.Write7BitEncodedInt64(buckets[index]);
                previous = index;
            }
        }

        return memory.ToArray();
    }

    public static LatencySketch FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadByte() != 1)
        {
            throw new FormatException("unknown latency sketch version");
        }

        var sketch = new LatencySketch { ZeroCount = reader.Read7BitEncodedInt64(), Sum = reader.ReadDouble() };
        sketch.Count = sketch.ZeroCount;
        var buckets = reader.Read7BitEncodedInt();
        var index = 0;
        for (var i = 0; i < buckets; i++)
        {
            index += reader.Read7BitEncodedInt();
            var count = reader.Read7BitEncodedInt64();
            sketch.buckets[index] = count;
            sketch.Count += count;
        }

        return sketch;
    }
}
