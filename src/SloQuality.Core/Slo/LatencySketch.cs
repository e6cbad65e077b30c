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

    /// <summary>
    /// For a sketch rebuilt from a histogram (see <c>BucketSketch</c>): the histogram's finite upper
    /// bounds in milliseconds, ascending. Its values are then only known to lie within their bucket, and
    /// <see cref="Estimate"/> widens the interval to the buckets. Null for exactly measured values.
    /// </summary>
    public double[]? HistogramBounds { get; set; }

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
        HistogramBounds = MergedBounds(other);
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
    /// as <see cref="QuantileEstimate.FromSorted"/> gives for raw samples. For a sketch rebuilt from a
    /// histogram the interval spans at least the buckets its ends fall in (the upper end is infinite in
    /// the +Inf bucket): where a value lies inside its bucket is not known, so it is not claimed.
    /// </summary>
    public QuantileEstimate Estimate(double quantile)
    {
        var n = Count;
        if (n == 0)
        {
            return new QuantileEstimate(quantile, null, null, null, 0);
        }

        var spread = 1.959963984540054 * Math.Sqrt(n * quantile * (1 - quantile));
        var low = ValueAtRank((long)Math.Clamp(Math.Floor((n * quantile) - spread), 0, n - 1));
        var high = ValueAtRank((long)Math.Clamp(Math.Ceiling((n * quantile) + spread), 0, n - 1));
        var value = ValueAtRank((long)Math.Round(quantile * (n - 1)));
        if (HistogramBounds is { } bounds)
        {
            (low, high) = (HistogramBuckets.Containing(bounds, low, RelativeAccuracy).Low, HistogramBuckets.Containing(bounds, high, RelativeAccuracy).High);
        }

        return new QuantileEstimate(quantile, value, low, high, (int)Math.Min(n, int.MaxValue));
    }

    /// <summary>The histogram bucket the quantile's value falls in, for a sketch rebuilt from one; null otherwise.</summary>
    public (double Low, double High)? BucketOf(double quantile) =>
        HistogramBounds is { } bounds && Count > 0
            ? HistogramBuckets.Containing(bounds, ValueAtRank((long)Math.Round(quantile * (Count - 1))), RelativeAccuracy)
            : null;

    /// <summary>
    /// Exact values merged with bucketed ones are known only as well as the buckets; two bucket layouts
    /// together only at the bounds they share. An empty sketch brings no bounds.
    /// </summary>
    private double[]? MergedBounds(LatencySketch other)
    {
        var mine = Count > 0 ? HistogramBounds : null;
        var theirs = other.Count > 0 ? other.HistogramBounds : null;
        return (mine, theirs) switch
        {
            (null, null) => Count == 0 && other.Count == 0 ? HistogramBounds ?? other.HistogramBounds : null,
            (null, _) => theirs,
            (_, null) => mine,
            _ => mine.Intersect(theirs).Order().ToArray(),
        };
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
            // Version 2 appends the histogram bounds; an exactly measured sketch stays version 1, byte for byte.
            writer.Write((byte)(HistogramBounds is null ? 1 : 2));
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

            if (HistogramBounds is { } bounds)
            {
                writer.Write7BitEncodedInt(bounds.Length);
                foreach (var bound in bounds)
                {
                    writer.Write(bound);
                }
            }
        }

        return memory.ToArray();
    }

    public static LatencySketch FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var version = reader.ReadByte();
        if (version is not (1 or 2))
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

        if (version == 2)
        {
            sketch.HistogramBounds = Enumerable.Range(0, reader.Read7BitEncodedInt()).Select(_ => reader.ReadDouble()).ToArray();
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
