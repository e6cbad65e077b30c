using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination.Correction;
using SloQuality.Core.Hallucination.SelfCheck;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Hallucination;

/// <summary>
/// What makes a run's hallucination rate trustworthy, added to its summary: the detector's self-check on
/// the dataset's golden answers, and the rate corrected by human labels where there are enough.
/// </summary>
public sealed class HallucinationAudit(DetectorSelfCheck selfCheck, HallucinationCorrector? corrector)
{
    /// <summary>The audit of a detector's runs, with the labels of <paramref name="labels"/> as <paramref name="options"/> select them.</summary>
    public static HallucinationAudit Create(IHallucinationDetector detector, Review.IReviewStore labels, CorrectionOptions options, TimeProvider time) =>
        new(new DetectorSelfCheck(detector), new HallucinationCorrector(labels, options, time));

    public async Task<HallucinationRate> AuditAsync(GoldenDataset dataset, IReadOnlyList<ItemResult> results, RateEstimate detector, CancellationToken cancellationToken)
    {
        var check = await selfCheck.RunAsync(dataset, cancellationToken).ConfigureAwait(false);
        var rate = HallucinationRate.From(detector) with { SelfCheck = check };
        if (corrector is null)
        {
            return rate with { CorrectedNote = "no label store: the corrected rate needs human labels (sloq hitl import)" };
        }

        var (estimate, note) = await corrector.CorrectAsync(dataset.Name, results, cancellationToken).ConfigureAwait(false);
        return rate with { Corrected = estimate, CorrectedNote = note };
    }
}
