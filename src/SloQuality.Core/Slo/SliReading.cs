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
}
