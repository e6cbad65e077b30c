namespace SloQuality.Core.Drift;

/// <summary>
/// Thresholds and resampling settings of the drift assessment (<c>jobs/drift.yaml</c>, section
/// <c>drift</c>). A test raises drift only when it is significant once alpha is split across the
/// tests (weighted Bonferroni) AND its effect reaches its threshold, so a large sample does not alarm on a trivial shift and
/// a small one does not alarm on noise.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>Per-item cosine similarity below which an item counts as moved. Default 0.80.</summary>
    public double ItemThreshold { get; init; } = 0.80;

    /// <summary>
    /// Without a noise floor: drift when the mean similarity's upper 95% bound is below this. Default 0.90.
    /// </summary>
    public double MinimumMeanSimilarity { get; init; } = 0.90;

    /// <summary>Family-wise error rate across the drift tests (split by weighted Bonferroni). Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// Share of alpha for the beyond-noise test when a noise floor exists; the distribution tests share
    /// the rest. Default 0.7: it is the test that sees a few items changing meaning.
    /// </summary>
    public double PrimaryShare { get; init; } = 0.7;

    /// <summary>
    /// Mean similarity drop beyond the baseline's own run-to-run noise that counts. Default 0.03: a sampling
    /// model's repeats wander about ±0.02 on 60-item sets (measured on the simulator), while 15% of items
    /// changing meaning costs about 0.1.
    /// </summary>
    public double NoiseMargin { get; init; } = 0.03;

    /// <summary>Cosine distance between the two output centroids that counts. Default 0.01.</summary>
    public double CentroidThreshold { get; init; } = 0.01;

    /// <summary>Unbiased MMD² (RBF kernel, median-heuristic bandwidth) that counts. Default 0.01.</summary>
    public double MmdThreshold { get; init; } = 0.01;

    /// <summary>Cross-validated ROC AUC of the baseline-vs-current classifier that counts. Default 0.65.</summary>
    public double ClassifierAucThreshold { get; init; } = 0.65;

    /// <summary>Random pair swaps or sign flips for the permutation p-values. Default 2,000.</summary>
    public int Permutations { get; init; } = 2000;

    /// <summary>Bootstrap resamples for the mean similarity's interval. Default 2,000.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Classifier refits on label-swapped data for its null distribution. Default 39 (smallest p 0.025).</summary>
    public int ClassifierNullRounds { get; init; } = 39;

    /// <summary>Items needed before any verdict; fewer gives <c>insufficient_data</c>. Default 10.</summary>
    public int MinimumItems { get; init; } = 10;

    /// <summary>Seed of every resampling, so the same outputs always give the same verdict. Default 17.</summary>
    public int Seed { get; init; } = 17;

    public void Validate()
    {
        Check(ItemThreshold is > -1 and <= 1, nameof(ItemThreshold), "must be in (-1, 1]");
        Check(MinimumMeanSimilarity is > -1 and <= 1, nameof(MinimumMeanSimilarity), "must be in (-1, 1]");
        Check(Alpha is > 0 and < 1, nameof(Alpha), "must be in (0, 1)");
        Check(PrimaryShare is > 0 and < 1, nameof(PrimaryShare), "must be in (0, 1)");
        Check(NoiseMargin >= 0, nameof(NoiseMargin), "must be 0 or more");
        Check(CentroidThreshold >= 0, nameof(CentroidThreshold), "must be 0 or more");
        Check(MmdThreshold >= 0, nameof(MmdThreshold), "must be 0 or more");
        Check(ClassifierAucThreshold is >= 0.5 and <= 1, nameof(ClassifierAucThreshold), "must be in [0.5, 1]");
        Check(Permutations >= 99, nameof(Permutations), "must be 99 or more");
        Check(BootstrapResamples >= 200, nameof(BootstrapResamples), "must be 200 or more");
        Check(ClassifierNullRounds >= 0, nameof(ClassifierNullRounds), "must be 0 (classifier off) or more");
        Check(MinimumItems >= 2, nameof(MinimumItems), "must be 2 or more");
    }

    private static void Check(bool ok, string name, string expected)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"drift option {name} {expected}");
        }
    }
}
