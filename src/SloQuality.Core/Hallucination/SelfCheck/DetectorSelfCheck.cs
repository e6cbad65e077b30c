using SloQuality.Core.Datasets;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Hallucination.SelfCheck;

/// <summary>
/// How well the detector tells this very dataset's truths from its known mistakes, from the golden set
/// alone: each reference is a faithful answer and each known-incorrect claim a hallucinated one, judged
/// leave-one-out against the rest of its item's evidence (a reference against the other references and
/// the context; a mistake against the references, the context and the other mistakes). An answer whose
/// item would have no evidence left is not judged. Sensitivity is the share of mistakes flagged,
/// specificity the share of references cleared, each with its Wilson interval.
/// </summary>
public sealed class DetectorSelfCheck(IHallucinationDetector detector)
{
    /// <summary>Balanced accuracy under which the report warns that the detector cannot be trusted on the dataset.</summary>
    public const double TrustedBalancedAccuracy = 0.85;

    private readonly Dictionary<string, SelfCheckResult> done = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<SelfCheckResult> RunAsync(GoldenDataset dataset, CancellationToken cancellationToken = default)
    {
        // A dataset version is checked once per process: its answers and evidence do not change.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (done.TryGetValue(dataset.ContentHash, out var known))
            {
                return known;
            }

            var result = await CheckAsync(dataset.Items, cancellationToken).ConfigureAwait(false);
            done[dataset.ContentHash] = result;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<SelfCheckResult> CheckAsync(IReadOnlyList<GoldenItem> items, CancellationToken cancellationToken = default)
    {
        var (cleared, faithful, caught, hallucinated) = (0, 0, 0, 0);
        foreach (var item in items.Where(i => i.Answerable))
        {
            for (var i = 0; i < item.Reference.Count; i++)
            {
                var rest = item with { Reference = Without(item.Reference, i), Assertions = [] };
                if (HasEvidence(rest))
                {
                    faithful++;
                    cleared += (await detector.DetectAsync(rest, item.Reference[i], cancellationToken).ConfigureAwait(false)).Hallucinated ? 0 : 1;
                }
            }

            for (var i = 0; i < item.Incorrect.Count; i++)
            {
                var rest = item with { Incorrect = Without(item.Incorrect, i), Assertions = [] };
                if (rest.Reference.Count > 0 || rest.Context.Count > 0)
                {
                    hallucinated++;
                    caught += (await detector.DetectAsync(rest, item.Incorrect[i], cancellationToken).ConfigureAwait(false)).Hallucinated ? 1 : 0;
                }
            }
        }

        return new SelfCheckResult(RateEstimate.Wilson(caught, hallucinated), RateEstimate.Wilson(cleared, faithful), faithful, hallucinated);
    }

    private static bool HasEvidence(GoldenItem item) => item.Reference.Count > 0 || item.Context.Count > 0;

    private static List<string> Without(IReadOnlyList<string> list, int index) => list.Where((_, j) => j != index).ToList();
}

/// <summary>The detector's sensitivity (known mistakes flagged) and specificity (references cleared) on a dataset's own golden answers.</summary>
public sealed record SelfCheckResult(RateEstimate Sensitivity, RateEstimate Specificity, int NFaithful, int NHallucinated)
{
    /// <summary>The mean of sensitivity and specificity; null when either could not be measured.</summary>
    public double? BalancedAccuracy => Sensitivity.Rate is { } s && Specificity.Rate is { } p ? Math.Round((s + p) / 2, 4) : null;

    /// <summary>The report's warning when the detector cannot tell this dataset's references from its mistakes; null otherwise.</summary>
    public string? Warning => BalancedAccuracy is { } b && b < DetectorSelfCheck.TrustedBalancedAccuracy
        ? "the detector cannot reliably tell this dataset's references from its known mistakes: label a sample with sloq hitl"
        : null;
}
