using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Slo;

/// <summary>
/// Everything the SLO fold needs from five minutes of one run: counts of good and bad items for every
/// rate, drift sums, token figures, and latency sketches. Aggregates add up (see <see cref="Merge"/>),
/// so a day, a week or 30 days is the sum of its slices and no raw sample is read again.
/// </summary>
public sealed class SliceAggregate
{
    /// <summary>The base slice length: the shortest alert window (5 minutes).</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(5);

    public required string RunId { get; init; }

    public required string ModelTarget { get; init; }

    public required string DatasetName { get; init; }

    public required DateTimeOffset SliceStart { get; init; }

    /// <summary>
    /// The tag signature of the items in this slice: their sorted tags joined by commas ("" for untagged
    /// items). Each item falls in exactly one signature, so a scope by tags counts every item once.
    /// </summary>
    public string Tags { get; init; } = string.Empty;

    /// <summary>
    /// Where the figures come from: <see cref="SliceSources.Replay"/> (a golden-dataset run) or
    /// <see cref="SliceSources.Prometheus"/> (production traffic imported from a Prometheus server).
    /// </summary>
    public string Source { get; init; } = SliceSources.Replay;

    /// <summary>
    /// What started the slice's run (<see cref="RunOrigins"/>); <see cref="RunOrigins.Production"/>
    /// for imported traffic. An SLO counts the origins its scope names.
    /// </summary>
    public string Origin { get; init; } = RunOrigins.Schedule;

    public long Items { get; set; }

    /// <summary>Items with an answer that was judged (no failure of any kind).</summary>
    public long Answered { get; set; }

    public long Correct { get; set; }

    /// <summary>Answered items that have a correctness (grounded items have none): the correctness rate's denominator.</summary>
    public long Judged { get; set; }

    public long Hallucinated { get; set; }

    /// <summary>HTTP-level failures: server errors, rate limits after retries, timeouts, resets, cut streams.</summary>
    public long Unavailable { get; set; }

    public long ContentFiltered { get; set; }

    public long Truncated { get; set; }

    /// <summary>Answered items whose drift similarity is under <see cref="AvailabilityCounting.SevereDriftBelow"/>.</summary>
    public long SevereDrift { get; set; }

    public long DriftCount { get; set; }

    public double DriftSum { get; set; }

    public double DriftSumOfSquares { get; set; }

    /// <summary>Sketch of 1 − similarity, so "items with similarity ≥ x" is a count at most 1 − x.</summary>
    public LatencySketch DriftDistance { get; init; } = new();

    /// <summary>
    /// The detector's scores of the answered outputs per stratum, by dataset (a run's slice holds its own
    /// dataset; a sum holds each dataset it covers): what the fold corrects the hallucination rate with.
    /// </summary>
    public Dictionary<string, Hallucination.Correction.HallucinationStrata> Strata { get; } = new(StringComparer.Ordinal);

    public Hallucination.Correction.HallucinationStrata StrataFor(string dataset)
    {
        if (!Strata.TryGetValue(dataset, out var strata))
        {
            strata = new Hallucination.Correction.HallucinationStrata();
            Strata[dataset] = strata;
        }

        return strata;
    }

    public long OutputTokens { get; set; }

    /// <summary>Seconds spent generating the answers that reported their tokens.</summary>
    public double GenerationSeconds { get; set; }

    public LatencySketch Ttft { get; init; } = new();

    public LatencySketch InterToken { get; init; } = new();

    public LatencySketch Total { get; init; } = new();

    public LatencySketch Sketch(LatencyMetric metric) => metric switch
    {
        LatencyMetric.Ttft => Ttft,
        LatencyMetric.InterToken => InterToken,
        _ => Total,
    };

    public static DateTimeOffset Floor(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % Length.Ticks), TimeSpan.Zero);

    /// <summary>Adds another slice's counts and sketches into this one.</summary>
    public void Merge(SliceAggregate other)
    {
        Items += other.Items;
        Answered += other.Answered;
        Correct += other.Correct;
        Judged += other.Judged;
        Hallucinated += other.Hallucinated;
        Unavailable += other.Unavailable;
        ContentFiltered += other.ContentFiltered;
        Truncated += other.Truncated;
        SevereDrift += other.SevereDrift;
        DriftCount += other.DriftCount;
        DriftSum += other.DriftSum;
        DriftSumOfSquares += other.DriftSumOfSquares;
        DriftDistance.Merge(other.DriftDistance);
        foreach (var (dataset, strata) in other.Strata)
        {
            StrataFor(dataset).Merge(strata);
        }

        OutputTokens += other.OutputTokens;
        GenerationSeconds += other.GenerationSeconds;
        Ttft.Merge(other.Ttft);
        InterToken.Merge(other.InterToken);
        Total.Merge(other.Total);
    }
}
