using SloQuality.Core.Statistics;

namespace SloQuality.Core.Judge;

/// <summary>
/// How the LLM judge and the local detector agree on the same outputs: the agreement rate (Wilson
/// interval), Cohen's kappa (agreement beyond chance), and the counts of each disagreement.
/// </summary>
public sealed record JudgeAgreement(string JudgeTarget, RateEstimate Agreement, double? Kappa, int BothFlagged, int JudgeOnly, int DetectorOnly, int NeitherFlagged, int Cached, int Unjudged)
{
    public static JudgeAgreement Of(string judgeTarget, IReadOnlyList<(bool Detector, JudgeVerdict Judge)> pairs)
    {
        var judged = pairs.Where(p => p.Judge.Hallucinated is not null).Select(p => (p.Detector, Judge: p.Judge.Hallucinated!.Value)).ToList();
        var both = judged.Count(p => p.Detector && p.Judge);
        var judgeOnly = judged.Count(p => !p.Detector && p.Judge);
        var detectorOnly = judged.Count(p => p.Detector && !p.Judge);
        var neither = judged.Count - both - judgeOnly - detectorOnly;
        double? kappa = null;
        if (judged.Count > 0)
        {
            var n = (double)judged.Count;
            var observed = (both + neither) / n;
            var expected = (((both + detectorOnly) / n) * ((both + judgeOnly) / n)) + (((judgeOnly + neither) / n) * ((detectorOnly + neither) / n));
            kappa = expected >= 1 ? 1 : Math.Round((observed - expected) / (1 - expected), 4);
        }

        return new JudgeAgreement(judgeTarget, RateEstimate.Wilson(both + neither, judged.Count), kappa, both, judgeOnly, detectorOnly, neither,
            pairs.Count(p => p.Judge.Cached), pairs.Count - judged.Count);
    }
}
