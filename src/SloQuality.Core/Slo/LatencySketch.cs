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
    // Bucket counts as one dense array starting at bucket index `offset`: merging a month of slices is
    // then adding arrays, not hashing. Latencies from 1 ms to 100 s span about 1,150 buckets.
    private long[] bins = [];
    private int offset;

    // A sketch read from storage stays in its sparse form (bucket index, count) until something adds
    // to it: a month of five-minute slices then takes half the memory, and merging one into a dense
    // sketch only visits its non-empty buckets.
    private int[]? sparseIndices;
    private long[]? sparseCounts;

    public long Count { get; private set; }

    public long ZeroCount { get; private set; }

    public double Sum { get; private set; }

    public int BucketCount => sparseIndices?.Length ?? bins.Count(b => b != 0);

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
        Densify();
        Cover(index, index);
        bins[index - offset] += count;
    }

    public void Merge(LatencySketch other)
    {
        Densify();
        if (other.sparseIndices is { Length: > 0 } indices)
        {
            Cover(indices[0], indices[^1]);
            for (var i = 0; i < indices.Length; i++)
            {
                bins[indices[i] - offset] += other.sparseCounts![i];
            }
        }
        else if (other.bins.Length > 0)
        {
            Cover(other.offset, other.offset + other.bins.Length - 1);
            var target = bins.AsSpan(other.offset - offset, other.bins.Length);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] += other.bins[i];
            }
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

        Densify();
        rank = Math.Clamp(rank, 0, Count - 1);
        if (rank < ZeroCount)
        {
            return 0;
        }

        var seen = ZeroCount;
        var last = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            if (bins[i] == 0)
            {
                continue;
            }

            last = i;
            seen += bins[i];
            if (seen > rank)
            {
                return BucketValue(offset + i);
            }
        }

        return BucketValue(offset + last);
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
        Densify();
        var count = threshold >= 0 ? ZeroCount : 0;
        for (var i = 0; i < bins.Length && BucketValue(offset + i) <= threshold; i++)
        {
            count += bins[i];
        }

        return count;
    }

    public byte[] ToBytes()
    {
        Densify();
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write((byte)1);
            writer.Write7BitEncodedInt64(ZeroCount);
            writer.Write(Sum);
            writer.Write7BitEncodedInt(BucketCount);
            var previous = 0;
            for (var i = 0; i < bins.Length; i++)
            {
                if (bins[i] != 0)
                {
                    writer.Write7BitEncodedInt(offset + i - previous);
                    writer.Write7BitEncodedInt64(bins[i]);
                    previous = offset + i;
                }
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
        var indices = new int[buckets];
        var counts = new long[buckets];
        var index = 0;
        for (var i = 0; i < buckets; i++)
        {
            index += reader.Read7BitEncodedInt();
            indices[i] = index;
            counts[i] = reader.Read7BitEncodedInt64();
            sketch.Count += counts[i];
        }

        if (buckets > 0)
        {
            (sketch.sparseIndices, sketch.sparseCounts) = (indices, counts);
        }

        return sketch;
    }

    /// <summary>Turns the sparse form read from storage into the dense one, before anything changes or scans it.</summary>
    private void Densify()
    {
        if (sparseIndices is not { } indices)
        {
            return;
        }

        var counts = sparseCounts!;
        (sparseIndices, sparseCounts) = (null, null);
        Cover(indices[0], indices[^1]);
        for (var i = 0; i < indices.Length; i++)
        {
            bins[indices[i] - offset] += counts[i];
        }
    }

    private static double BucketValue(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    /// <summary>Grows the dense array so bucket indices [low, high] fit, with room to spare on the growing side.</summary>
    private void Cover(int low, int high)
    {
        if (bins.Length == 0)
        {
            offset = low - 16;
            bins = new long[high - low + 33];
            return;
        }

        var end = offset + bins.Length - 1;
        if (low >= offset && high <= end)
        {
            return;
        }

        var newOffset = Math.Min(offset, low - 16);
        var newEnd = Math.Max(end, high + 16);
        var grown = new long[newEnd - newOffset + 1];
        bins.CopyTo(grown, offset - newOffset);
        bins = grown;
        offset = newOffset;
    }
}
