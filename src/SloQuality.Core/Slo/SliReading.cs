namespace SloQuality.Core.Slo;

/// <summary>
/// An SLI read off aggregated slices: the value with its 95% interval (null where none applies) and
/// sample count, and the good and total events that occurrence budgets count.
/// </summary>
public sealed record SliReading(double? Value, double? Low, double? High, long N, long Good, long Total)
{
    public static SliReading Empty { get; } = new(null, null, null, 0, 0, 0);

    /// <summary>
    /// For the hallucination rate, which estimate the value is: <c>detector</c> (its verdicts),
    /// <c>corrected</c> (by human labels, every dataset in scope), or <c>mixed</c> (some datasets corrected);
    /// null for other SLIs.
    /// </summary>
    public string? Estimate { get; init; }

    /// <summary>For a percentile read from histogram buckets: the bucket its value lies in; null for measured values.</summary>
    public HistogramBucket? Bucket { get; init; }
}

/// <summary>A histogram bucket in the SLI's unit: values above <paramref name="Low"/> and at most <paramref name="High"/> (infinite for +Inf).</summary>
public sealed record HistogramBucket(double Low, double High);
