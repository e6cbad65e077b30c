using SloQuality.Core.Evaluation;
using SloQuality.Core.Review;

namespace SloQuality.Core.Hallucination.Correction;

/// <summary>
/// Corrects a run's hallucination rate with the human labels of its dataset (any version, any target)
/// from the last <see cref="CorrectionOptions.LabelDays"/> days: an output whose exact text was labelled
/// for the same item counts by its label, the rest by <see cref="CorrectedRate"/>.
/// </summary>
public sealed class HallucinationCorrector(IReviewStore labels, CorrectionOptions options, TimeProvider time)
{
    public CorrectionOptions Options => options;

    public async Task<(CorrectedEstimate? Estimate, string? Note)> CorrectAsync(string datasetName, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var found = await labels.LabelsAsync(datasetName, now - options.Window, now.AddMinutes(1), cancellationToken).ConfigureAwait(false);
        return Correct(found, results, options);
    }

    public static (CorrectedEstimate? Estimate, string? Note) Correct(IReadOnlyList<HumanLabel> found, IReadOnlyList<ItemResult> results, CorrectionOptions options)
    {
        if (Shortfall(found, options) is { } note)
        {
            return (null, note);
        }

        // The same text labelled more than once (several runs, several reviewers) counts by the majority; a tie is a hallucination.
        var byText = found.GroupBy(l => (l.ItemId, l.Output)).ToDictionary(g => g.Key, g => g.Count(l => l.Hallucinated) * 2 >= g.Count());
        var judged = results.Where(r => r.Error is null && r.HallucinationScore is not null).ToList();
        var known = judged.Where(r => byText.ContainsKey((r.ItemId, r.Output))).ToList();
        var population = CorrectedRate.Population(judged.Except(known).Select(r => (r.HallucinationScore!.Value, r.Hallucinated == true)));
        var estimate = CorrectedRate.Estimate(population, found, (known.Count, known.Count(r => byText[(r.ItemId, r.Output)])));
        return (estimate, null);
    }

    /// <summary>Why the labels cannot correct the rate yet, or null when they can.</summary>
    public static string? Shortfall(IReadOnlyList<HumanLabel> found, CorrectionOptions options)
    {
        var (yes, no) = (found.Count(l => l.Hallucinated), found.Count(l => !l.Hallucinated));
        return found.Count == 0
            ? $"no human labels for this dataset in the last {options.LabelDays} days; label a sample with 'sloq hitl sample' to correct the rate"
            : yes < options.MinimumPerClass || no < options.MinimumPerClass
                ? $"{yes} hallucinated and {no} faithful human labels in the last {options.LabelDays} days; at least {options.MinimumPerClass} of each are needed to correct the rate"
                : null;
    }
}
