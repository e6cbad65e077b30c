using System.Globalization;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Drift;

/// <summary>
/// Runs the drift tests over the paired items and decides the verdict: a test raises drift when its
/// adjusted p-value is under alpha and its effect reaches its threshold. Alpha is split between the
/// tests (weighted Bonferroni, so the chance of any false alarm stays at most alpha): with a noise
/// floor the paired beyond-noise test, the one that sees items changing meaning, gets
/// <see cref="DriftOptions.PrimaryShare"/> and the distribution tests share the rest; without one the
/// distribution tests share alpha equally and the mean similarity is held against the absolute
/// threshold (its upper bound must fall under it). The assessment says which.
/// </summary>
public sealed class DriftAnalyzer(IReadOnlyList<IDriftTest> tests, DriftOptions options)
{
    private const string Primary = "beyond_noise";

    public static IReadOnlyList<IDriftTest> DefaultTests { get; } =
        [new BeyondNoiseTest(), new CentroidDistanceTest(), new MmdTest(), new DomainClassifierTest()];

    public DriftAssessment Analyze(IReadOnlyList<DriftPair> pairs, int itemsWithoutBaseline, string baselineRunId, string embeddingModel, NoiseFloor? noise)
    {
        options.Validate();
        var similarities = pairs.Select(p => p.Similarity).ToList();
        var mean = MeanEstimate.Bootstrap(similarities, options.BootstrapResamples, options.Seed);
        var below = RateEstimate.Wilson(similarities.Count(s => s < options.ItemThreshold), similarities.Count);
        var noiseValues = pairs.Where(p => p.NoiseSimilarity is not null).Select(p => p.NoiseSimilarity!.Value).ToList();
        var noiseEstimate = noiseValues.Count > 0 ? MeanEstimate.Bootstrap(noiseValues, options.BootstrapResamples, options.Seed) : null;

        var results = tests.Select(t => t.Run(pairs, options)).OfType<DriftTestResult>().ToList();
        var judgedAgainst = results.Any(r => r.Name == Primary) ? "noise_floor" : "threshold";
        var others = results.Count(r => r.Name != Primary);
        results = results.Select(r =>
        {
            var share = r.Name == Primary ? (others == 0 ? 1 : options.PrimaryShare)
                : (judgedAgainst == "noise_floor" ? 1 - options.PrimaryShare : 1.0) / others;
            var adjusted = Math.Min(1, (r.PValue ?? 1) / share);
            return r with { AdjustedPValue = adjusted, Drifted = adjusted < options.Alpha && r.Statistic >= r.Threshold };
        }).ToList();

        if (judgedAgainst == "threshold" && mean.High is { } high)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"mean similarity {mean.Mean:0.0000}, upper 95% bound {high:0.0000}, against the minimum {options.MinimumMeanSimilarity} (no noise floor)");
            results.Insert(0, new DriftTestResult("mean_similarity", mean.Mean ?? 0, null, null, options.MinimumMeanSimilarity, high < options.MinimumMeanSimilarity, detail));
        }

        var verdict = pairs.Count < options.MinimumItems ? DriftAssessment.InsufficientData
            : results.Any(r => r.Drifted) ? DriftAssessment.Drift
            : DriftAssessment.NoDrift;
        return new DriftAssessment
        {
            BaselineRunId = baselineRunId,
            EmbeddingModel = embeddingModel,
            ItemsCompared = pairs.Count,
            ItemsWithoutBaseline = itemsWithoutBaseline,
            MeanSimilarity = mean,
            ItemThreshold = options.ItemThreshold,
            BelowThreshold = below,
            NoiseFloor = noiseEstimate,
            NoiseSource = noise?.Source,
            JudgedAgainst = judgedAgainst,
            Tests = results,
            Verdict = verdict,
            Explanation = Explain(verdict, results, pairs.Count, judgedAgainst),
        };
    }

    private string Explain(string verdict, List<DriftTestResult> results, int compared, string judgedAgainst)
    {
        var basis = judgedAgainst == "noise_floor" ? "judged against the baseline's own run-to-run noise" : "judged against the absolute threshold (the baseline has no noise floor)";
        return verdict switch
        {
            DriftAssessment.InsufficientData => $"{compared} items compared; at least {options.MinimumItems} are needed for a verdict",
            DriftAssessment.Drift => $"drift beyond {(judgedAgainst == "noise_floor" ? "noise" : "the threshold")}: {string.Join(", ", results.Where(r => r.Drifted).Select(r => r.Name))} ({basis})",
            _ => $"no drift: no test both significant after correction and over its threshold ({basis})",
        };
    }
}
