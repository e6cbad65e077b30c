using System.Globalization;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Statistics;
using SloQuality.Inference.Embeddings;
using SloQuality.Inference.Hallucination;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq detector train --data FILE... --out MODEL [--algorithm fasttree|logistic] [--threshold 0.5]</c>
/// trains the hallucination detector (each case also in its other views, see
/// <see cref="LabelledOutput.TrainingViews"/>) and writes the model with its card (<c>MODEL.json</c>);
/// <c>sloq detector evaluate --data FILE... [--model MODEL]</c> measures a model on labelled data it was
/// not trained on (it refuses a file the card lists), every rate with its 95% interval.
/// </summary>
public sealed class DetectorCommand(TextWriter stdout, TextWriter stderr)
{
    private static readonly HashSet<string> TrainOptions = ["data", "out", "algorithm", "threshold", "own-weight"];
    private static readonly HashSet<string> EvaluateOptions = ["data", "model", "threshold", "config"];
    private static readonly HashSet<string> NoFlags = [];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken) => args switch
    {
        ["train", .. var rest] => await TrainAsync(Arguments.Parse(rest, TrainOptions, NoFlags), cancellationToken).ConfigureAwait(false),
        ["evaluate", .. var rest] => await EvaluateAsync(Arguments.Parse(rest, EvaluateOptions, NoFlags), cancellationToken).ConfigureAwait(false),
        _ => throw new UsageException("expected 'sloq detector train --data FILE... --out MODEL' or 'sloq detector evaluate --data FILE... [--model MODEL]'"),
    };

    private async Task<int> TrainAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var output = parsed.Required("out");
        var algorithm = parsed.Value("algorithm") switch
        {
            null or "fasttree" => DetectorAlgorithm.FastTree,
            "logistic" => DetectorAlgorithm.Logistic,
            var other => throw new UsageException($"--algorithm '{other}' is not known, expected fasttree or logistic"),
        };
        var threshold = Threshold(parsed);
        var (outputs, files) = Read(parsed);
        if (outputs is null)
        {
            return ExitCodes.BadInput;
        }

        // Our own labelled examples are few beside the public sets but are the product's own cases
        // (support answers, prices, policies): each counts --own-weight times (default 5).
        var weight = parsed.Integer("own-weight", 5, 1, 100);
        var own = parsed.Values("data").Where(p => LabelledData.FormatOf(p) == LabelledData.Labelled).SelectMany(p => LabelledData.Read(p).Outputs).ToList();
        outputs = [.. outputs, .. Enumerable.Repeat(own, weight - 1).SelectMany(o => o)];

        // The detector's rules decide abstentions, unanswerable items and items without evidence: the model learns the rest.
        var judged = outputs.Where(o => o.JudgedByModel).ToList();
        var views = judged.SelectMany(o => o.TrainingViews()).ToList();
        var mirrored = views.Count - judged.Count;
        using var generator = new MiniLmEmbeddingGenerator();
        var featurizer = new DetectorFeaturizer(generator);
        var cases = await CasesAsync(featurizer, views, cancellationToken).ConfigureAwait(false);
        var model = DetectorTrainer.Train(cases, algorithm);
        model.Save(output);
        new DetectorModelCard(DateTimeOffset.UtcNow, algorithm.ToString().ToLowerInvariant(), judged.Count, mirrored, files, Core.Hallucination.Features.HallucinationFeatures.Names, threshold).Save(output);
        await stdout.WriteLineAsync($"trained on {judged.Count} of {outputs.Count} labelled outputs ({judged.Count(o => o.Hallucinated)} hallucinated; the rest are decided by rules) and {mirrored} more views of them (mirrored, without counter-evidence); wrote {output} and {DetectorModelCard.PathFor(output)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<int> EvaluateAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var modelPath = parsed.Value("model") ?? Core.Configuration.HallucinationSettings.Load(parsed.Value("config") ?? "jobs").Settings.Model;
        if (!File.Exists(modelPath))
        {
            await stderr.WriteLineAsync($"sloq: {modelPath}: no such model file").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var card = DetectorModelCard.Load(modelPath);
        var (outputs, files) = Read(parsed);
        if (outputs is null)
        {
            return ExitCodes.BadInput;
        }

        var seen = files.Where(f => card?.Data.Any(d => d.Sha256 == f.Sha256) == true).ToList();
        if (seen.Count > 0)
        {
            await stderr.WriteLineAsync($"sloq: {string.Join(", ", seen.Select(f => f.Name))}: the model was trained on this data, so its figures would flatter it; measure on held-out data (the benchmarks cross-validate)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var detector = HallucinationDetectorFactory.Trained(modelPath, parsed.Value("threshold") is null ? card?.Threshold ?? 0.5 : Threshold(parsed));
        var scored = new List<(double Score, bool Hallucinated)>();
        foreach (var o in outputs)
        {
            var verdict = await detector.DetectAsync(o.Item, o.Output, cancellationToken).ConfigureAwait(false);
            scored.Add((verdict.Score, o.Hallucinated));
        }

        var metrics = DetectorMetrics.Of(scored, detector.Threshold);
        var flagged = scored.Count(s => s.Score >= detector.Threshold);
        var truePositives = scored.Count(s => s.Score >= detector.Threshold && s.Hallucinated);
        var positives = scored.Count(s => s.Hallucinated);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            {metrics}
            accuracy  {Interval((int)Math.Round(metrics.Accuracy * scored.Count), scored.Count)}
            precision {Interval(truePositives, flagged)}
            recall    {Interval(truePositives, positives)}
            """)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Interval(int count, int total)
    {
        if (total == 0)
        {
            return "n/a (n = 0)";
        }

        var w = RateEstimate.Wilson(count, total);
        return string.Create(CultureInfo.InvariantCulture, $"{w.Rate:0.000} [{w.Low:0.000}, {w.High:0.000}] (n = {total})");
    }

    private (List<LabelledOutput>? Outputs, List<DetectorModelCard.DataFile> Files) Read(Arguments parsed)
    {
        var paths = parsed.Values("data");
        if (paths.Count == 0)
        {
            throw new UsageException("--data FILE is required (TruthfulQA or HaluEval JSON Lines, or labelled outputs)");
        }

        var outputs = new List<LabelledOutput>();
        var files = new List<DetectorModelCard.DataFile>();
        var bad = false;
        foreach (var path in paths)
        {
            var (read, problems) = LabelledData.Read(path);
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            bad |= read.Count == 0;
            outputs.AddRange(read);
            if (File.Exists(path))
            {
                files.Add(new DetectorModelCard.DataFile(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) + "/" + Path.GetFileName(path), DetectorModelCard.Sha256(path), read.Count));
            }
        }

        return (bad ? null : outputs, files);
    }

    private static async Task<List<DetectorCase>> CasesAsync(DetectorFeaturizer featurizer, IReadOnlyList<LabelledOutput> outputs, CancellationToken cancellationToken)
    {
        var features = await featurizer.FeaturesAsync(outputs.Select(o => (o.Item, o.Output)).ToList(), cancellationToken).ConfigureAwait(false);
        return outputs.Select((o, i) => new DetectorCase(o.Group, features[i], o.Hallucinated)).ToList();
    }

    private static double Threshold(Arguments parsed) => parsed.Value("threshold") is not { } text ? 0.5
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and < 1 ? t
        : throw new UsageException($"--threshold '{text}' is not a probability between 0 and 1");
}
