using SloQuality.Core.Hallucination.Correction;

namespace SloQuality.Core.Slo;

/// <summary>
/// The human labels the fold corrects hallucination rates with, by dataset: for an evaluation at an
/// instant, the labels of the dataset's runs started in the <see cref="CorrectionOptions.LabelDays"/>
/// days before it, or none when there are fewer than <see cref="CorrectionOptions.MinimumPerClass"/> of
/// either verdict (the detector's own rate then stands).
/// </summary>
public sealed class FoldLabels(IReadOnlyDictionary<string, IReadOnlyList<HumanLabel>> byDataset, CorrectionOptions options)
{
    public static FoldLabels None { get; } = new(new Dictionary<string, IReadOnlyList<HumanLabel>>(), new CorrectionOptions());

    public CorrectionOptions Options => options;

    public Func<string, IReadOnlyList<HumanLabel>?> At(DateTimeOffset at) => dataset =>
    {
        if (!byDataset.TryGetValue(dataset, out var all))
        {
            return null;
        }

        var recent = all.Where(l => l.At > at - options.Window && l.At <= at).ToList();
        return HallucinationCorrector.Shortfall(recent, options) is null ? recent : null;
    };

    public bool IsEmpty => byDataset.Count == 0;

    /// <summary>The labels of every replayed dataset the slices hold, from the label window before <paramref name="from"/> up to <paramref name="now"/>.</summary>
    public static async Task<FoldLabels> LoadAsync(Review.IReviewStore store, IReadOnlyList<SliceAggregate> slices, DateTimeOffset from, DateTimeOffset now, CorrectionOptions? options, CancellationToken cancellationToken)
    {
        options ??= new CorrectionOptions();
        var byDataset = new Dictionary<string, IReadOnlyList<HumanLabel>>(StringComparer.Ordinal);
        foreach (var dataset in slices.Where(s => s.Source == SliceSources.Replay).Select(s => s.DatasetName).Distinct(StringComparer.Ordinal))
        {
            var found = await store.LabelsAsync(dataset, from - options.Window, now.AddMinutes(1), cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                byDataset[dataset] = found;
            }
        }

        return new FoldLabels(byDataset, options);
    }
}
