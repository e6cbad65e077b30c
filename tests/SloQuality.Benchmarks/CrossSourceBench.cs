using System.Diagnostics;
using System.Globalization;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>halluc-cross-source</c>: how the detector does on data from a source it never saw. For each source,
/// the shipped recipe (<see cref="DetectorTraining"/>: claims, out-of-fold calibration per kind of evidence)
/// is trained on every other source and measured on the one left out; beside it, the same source
/// cross-validated in-distribution (five folds by group over all sources pooled), and the plain
/// content-word overlap rule with its threshold chosen on the test data itself.
/// </summary>
internal static class CrossSourceBench
{
    /// <param name="only">Sources to leave out (all when empty); the pooled in-distribution figures only when all are run.</param>
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var algorithm = arguments.Contains("--logistic") ? DetectorAlgorithm.Logistic : DetectorAlgorithm.FastTree;
        var only = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var clock = Stopwatch.StartNew();
        var generic = new List<LabelledOutput>();
        var ownWeight = arguments.FirstOrDefault(a => a.StartsWith("--own-weight=", StringComparison.Ordinal)) is { } w ? float.Parse(w["--own-weight=".Length..], CultureInfo.InvariantCulture) : 1;
        Func<LabelledOutput, bool>? keepOwn = arguments.Contains("--own-without-grounded") ? o => o.Item.Reference.Count > 0 : null;
        var sources = HallucinationSources.Load(generic, keepOwn, ownWeight);
        using var generator = new MiniLmEmbeddingGenerator();
        var featurizer = new DetectorFeaturizer(generator);
        var all = sources.SelectMany(s => s.Outputs).ToList();

        DetectorFit? pooled = null;
        var inDistribution = new Dictionary<string, Figures>();
        if (only.Count == 0)
        {
            pooled = await DetectorTraining.FitAsync(all, featurizer, algorithm);
            inDistribution = pooled.OutOfFold.GroupBy(s => s.Output.Source).ToDictionary(g => g.Key, g => Figures.Of(g.ToList()));
            Console.WriteLine($"pooled 5-fold cross-validation by group over {all.Count} outputs: {pooled.Views} views, {pooled.Claims} claims; thresholds {Thresholds(pooled.Model)} ({clock.Elapsed.TotalSeconds:0} s)");
            foreach (var (source, figures) in inDistribution)
            {
                Console.WriteLine($"  {source}: {figures}");
            }
        }

        var rows = new List<string>();
        var leftOut = new Dictionary<string, Figures>();
        foreach (var (name, outputs) in sources.Where(s => only.Count == 0 || only.Contains(s.Name)))
        {
            var training = sources.Where(s => s.Name != name).SelectMany(s => s.Outputs).ToList();
            var fit = await DetectorTraining.FitAsync(training, featurizer, algorithm);
            var detector = new TrainedHallucinationDetector(fit.Model, featurizer);
            var scored = new List<ScoredOutput>();
            foreach (var o in outputs)
            {
                scored.Add(new ScoredOutput(o, await detector.ScoreAsync(o.Item, o.Output)));
            }

            leftOut[name] = Figures.Of(scored);
            var source = SourceName(outputs);
            Console.WriteLine($"{name,-11} left out: thresholds {Thresholds(fit.Model)}, {leftOut[name]} ({clock.Elapsed.TotalSeconds:0} s)");
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name,-11} | {outputs.Count,5} | {inDistribution.GetValueOrDefault(source)?.Cells() ?? "-"} | {leftOut[name].Cells()} | {HallucinationSources.OverlapBestBalanced(outputs):0.000} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| source      |     n | in-distribution: balanced, ROC AUC, F1, ECE | left out of training: balanced, ROC AUC, F1, ECE | overlap rule, best threshold on the test data: balanced |");
        Console.WriteLine("|---|---:|---|---|---:|");
        rows.ForEach(Console.WriteLine);
        if (pooled is not null)
        {
            var genericScored = new List<bool>();
            foreach (var o in generic)
            {
                genericScored.Add((await new TrainedHallucinationDetector(pooled.Model, featurizer).DetectAsync(o.Item, o.Output)).Hallucinated);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BEGIN's generic responses (no claim; left out of the figures) flagged by the pooled model: {genericScored.Count(g => g)} of {genericScored.Count}"));
        }

        Console.WriteLine("targets with the source left out: balanced >= 0.85 on halueval and each begin source, >= 0.80 on truthfulqa; ECE <= 0.05 on each");
        return "halluc-cross-source: left out " + string.Join(", ", leftOut.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Balanced:0.000}/ECE {p.Value.Ece:0.000}")))
            + string.Create(CultureInfo.InvariantCulture, $" ({clock.Elapsed.TotalMinutes:0.0} min)");
    }

    private static string SourceName(IReadOnlyList<LabelledOutput> outputs) => outputs.Count == 0 ? string.Empty : outputs[0].Source;

    private static string Thresholds(HallucinationModel model) =>
        string.Join(", ", EvidenceKinds.All.Select(k => string.Create(CultureInfo.InvariantCulture, $"{EvidenceKinds.Name(k)} {model.Calibration.Threshold(k):0.00}")));

    /// <summary>A source's figures at the detector's own verdicts; ECE over its calibrated probability.</summary>
    internal sealed record Figures(int N, double Balanced, double RocAuc, double F1, double Ece, double ShiftedEce, double Rate, double Flagged, double MeanProbability, double OracleBalanced)
    {
        public static Figures Of(IReadOnlyList<ScoredOutput> scored)
        {
            var verdicts = scored.Select(s => (Score: s.Score.Verdict.Hallucinated ? 1.0 : 0.0, s.Output.Hallucinated)).ToList();
            var metrics = DetectorMetrics.Of(verdicts, 0.5);
            var probabilities = scored.Select(s => (s.Score.Verdict.Score, s.Output.Hallucinated)).ToList();
            return new Figures(scored.Count, metrics.BalancedAccuracy, Core.Statistics.RocAuc.Of(probabilities), metrics.F1, HallucinationSources.CalibrationError(probabilities),
                HallucinationSources.PriorShiftedCalibrationError(probabilities), scored.Average(s => s.Output.Hallucinated ? 1.0 : 0.0),
                scored.Average(s => s.Score.Verdict.Hallucinated ? 1.0 : 0.0), probabilities.Average(p => p.Score),
                probabilities.Select(p => p.Score).Distinct().Append(1.01).Max(t => HallucinationSources.Balanced(probabilities, t)));
        }

        public string Cells() => string.Create(CultureInfo.InvariantCulture, $"{Balanced:0.000}, {RocAuc:0.000}, {F1:0.000}, {Ece:0.000}");

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"n {N}, balanced {Balanced:0.000} (at the threshold best for this source {OracleBalanced:0.000}), ROC AUC {RocAuc:0.000}, F1 {F1:0.000}, ECE {Ece:0.000} (at the source's own base rate {ShiftedEce:0.000}); true rate {Rate:0.000}, flagged {Flagged:0.000}, mean probability {MeanProbability:0.000}");
    }
}
