namespace SloQuality.Core.Statistics;

/// <summary>Area under the ROC curve in its Mann-Whitney form: the chance a random positive outscores a random negative (ties count half).</summary>
public static class RocAuc
{
    public static double Of(IReadOnlyList<(double Score, bool Label)> scores)
    {
        var ranks = RankCorrelation.Ranks(scores.Select(s => s.Score).ToList());
        var positives = scores.Count(s => s.Label);
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var rankSum = scores.Select((s, i) => s.Label ? ranks[i] : 0).Sum();
        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
