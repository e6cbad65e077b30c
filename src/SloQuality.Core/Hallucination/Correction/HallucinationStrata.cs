namespace SloQuality.Core.Hallucination.Correction;

/// <summary>
/// Mergeable sums of the detector's scores over answered outputs, per stratum (<see cref="ScoreStrata"/>):
/// how many, how many flagged, the sum of the calibrated probabilities and of their squares. A run's
/// slices carry them, so the SLO fold can correct a day's or a month's rate without reading items again.
/// </summary>
public sealed class HallucinationStrata
{
    public long[] Count { get; } = new long[ScoreStrata.Count];

    public long[] Flagged { get; } = new long[ScoreStrata.Count];

    public double[] Sum { get; } = new double[ScoreStrata.Count];

    public double[] SumOfSquares { get; } = new double[ScoreStrata.Count];

    public long Total => Count.Sum();

    public void Add(double score, bool flagged)
    {
        var h = ScoreStrata.Of(score);
        Count[h]++;
        Flagged[h] += flagged ? 1 : 0;
        Sum[h] += score;
        SumOfSquares[h] += score * score;
    }

    public void Merge(HallucinationStrata other)
    {
        for (var h = 0; h < ScoreStrata.Count; h++)
        {
            Count[h] += other.Count[h];
            Flagged[h] += other.Flagged[h];
            Sum[h] += other.Sum[h];
            SumOfSquares[h] += other.SumOfSquares[h];
        }
    }

    public HallucinationStrata Copy()
    {
        var copy = new HallucinationStrata();
        copy.Merge(this);
        return copy;
    }
}
