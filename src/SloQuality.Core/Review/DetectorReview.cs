using SloQuality.Core.Statistics;

namespace SloQuality.Core.Review;

/// <summary>The local detector measured against human labels: precision and recall of its "hallucinated" verdicts, agreement, each with its Wilson interval and count.</summary>
public sealed record DetectorReview(int Labels, RateEstimate Precision, RateEstimate Recall, RateEstimate Agreement)
{
    public static DetectorReview? Of(IReadOnlyList<(ReviewLabel Label, bool? Detector)> reviewed)
    {
        var judged = reviewed.Where(r => r.Detector is not null).Select(r => (Human: r.Label.Hallucinated, Detector: r.Detector!.Value)).ToList();
        if (judged.Count == 0)
        {
            return null;
        }

        var truePositives = judged.Count(j => j.Human && j.Detector);
        return new DetectorReview(
            judged.Count,
            RateEstimate.Wilson(truePositives, judged.Count(j => j.Detector)),
            RateEstimate.Wilson(truePositives, judged.Count(j => j.Human)),
            RateEstimate.Wilson(judged.Count(j => j.Human == j.Detector), judged.Count));
    }
}
