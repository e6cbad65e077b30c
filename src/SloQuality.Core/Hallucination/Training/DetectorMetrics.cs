using System.Globalization;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>How a detector's scores compare with the labels: accuracy, balanced accuracy, precision, recall and F1 of the hallucinated class, ROC AUC.</summary>
public sealed record DetectorMetrics(int N, double Accuracy, double BalancedAccuracy, double Precision, double Recall, double F1, double RocAuc)
{
    public static DetectorMetrics Of(IReadOnlyList<(double Score, bool Hallucinated)> scored, double threshold)
    {
        var (tp, fp, tn, fn) = (0, 0, 0, 0);
        foreach (var (score, label) in scored)
        {
            var flagged = score >= threshold;
            (tp, fp, tn, fn) = (flagged, label) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var specificity = Ratio(tn, tn + fp);
        return new DetectorMetrics(
            scored.Count,
            Ratio(tp + tn, scored.Count),
            (recall + specificity) / 2,
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            Statistics.RocAuc.Of(scored));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n {N}, accuracy {Accuracy:0.000}, balanced {BalancedAccuracy:0.000}, precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000}, ROC AUC {RocAuc:0.000}");
}
