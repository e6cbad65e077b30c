using System.Globalization;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Drift;

/// <summary>
/// Runs the drift tests over the paired items and decides the verdict: a test raises drift when its
/// Holm-adjusted p-value is under alpha and its effect reaches its threshold. With a noise floor the
/// paired beyond-noise test leads; without one the mean similarity is held against the absolute
/// threshold (its upper bound must fall under it), and the assessment says so.
/// </summary>
public sealed class DriftAnalyzer(IReadOnlyList<IDriftTest> tests, DriftOptions options)
{
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
        var adjusted = HolmCorrection.Adjust(results.Select(r => r.PValue ?? 1).ToList());
        results = results.Select((r, i) => r with
        {
            AdjustedPValue = adjusted[i],
            Drifted = adjusted[i] < options.Alpha && r.Statistic >= r.Threshold,
        }).ToList();

        var judgedAgainst = results.Any(r => r.Name == "beyond_noise") ? "noise_floor" : "threshold";
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
