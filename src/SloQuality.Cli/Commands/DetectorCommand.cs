using System.CommandLine;
using System.Globalization;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Hallucination.Variants;
using SloQuality.Core.Statistics;
using SloQuality.Inference.Embeddings;
using SloQuality.Inference.Hallucination;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq detector train --data FILE... --out MODEL [--algorithm fasttree|logistic] [--holdout 0.2 --seed 1]</c>
/// trains the hallucination detector by <see cref="DetectorTraining"/> (each case also in its other views,
/// calibrated per kind of evidence on out-of-fold scores) and writes the model with its card
/// (<c>MODEL.json</c>); <c>--holdout</c> keeps a share of each file's groups out of training.
/// <c>sloq detector evaluate --data FILE... [--model MODEL]</c> measures a model on labelled data it was
/// not trained on (it refuses a file the card lists whole, and of a file with a hold-out measures only the
/// held-out groups), every rate with its 95% interval.
/// </summary>
public sealed class DetectorCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Group(
        "detector",
        "The hallucination detector: train it on labelled outputs, measure it on data it was not trained on.",
        CommandSymbols.Leaf(
            "train",
            "Trains the detector (calibrated per kind of evidence on out-of-fold scores) and writes the model with its card.",
            [
                Data(),
                CommandSymbols.Value("out", "MODEL", "the model file to write (its card goes beside it as MODEL.json)", required: true),
                CommandSymbols.Value("algorithm", "NAME", "fasttree or logistic", "fasttree"),
                CommandSymbols.Integer("own-weight", "how many times each of our own labelled examples counts", 1, 100, defaultValue: 5),
                CommandSymbols.Value("holdout", "FRACTION", "keep this share of each file's groups out of training, for 'detector evaluate'", "0"),
                CommandSymbols.Integer("seed", "the seed of the hold-out and of training", 0, int.MaxValue, defaultValue: 1),
            ],
            (parsed, cancellationToken) => new DetectorCommand(stdout, stderr).TrainAsync(parsed, cancellationToken)),
        CommandSymbols.Leaf(
            "evaluate",
            "Measures a model on labelled data it was not trained on, every rate with its 95% interval.",
            [
                Data(),
                CommandSymbols.Value("model", "MODEL", "the model file [default: hallucination.yaml's model in --config]"),
                CommandSymbols.Value("threshold", "P", "flag at this probability for every kind of evidence [default: the model's calibrated thresholds]"),
                CommandSymbols.Config(),
            ],
            (parsed, cancellationToken) => new DetectorCommand(stdout, stderr).EvaluateAsync(parsed, cancellationToken)),
        CommandSymbols.Leaf(
            "examples",
            "Writes labelled outputs (faithful variants and planted errors) generated from variant cards.",
            [
                CommandSymbols.Value("cards", "CARDS.yaml", "the variant cards", required: true),
                CommandSymbols.Value("out", "FILE.jsonl", "the labelled outputs to write", required: true),
                CommandSymbols.Integer("seed", "the seed of the variants' wording", 0, int.MaxValue, defaultValue: 1),
            ],
            (parsed, cancellationToken) => new DetectorCommand(stdout, stderr).ExamplesAsync(parsed, cancellationToken)));

    private static Option<string[]> Data() =>
        CommandSymbols.Many("data", "FILE", "labelled outputs: TruthfulQA or HaluEval JSON Lines, or our own (repeatable)", required: true);

    private async Task<int> TrainAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var output = parsed.Required("out");
        var algorithm = parsed.Value("algorithm") switch
        {
            "fasttree" => DetectorAlgorithm.FastTree,
            "logistic" => DetectorAlgorithm.Logistic,
            var other => throw new UsageException($"--algorithm '{other}' is not known, expected fasttree or logistic"),
        };
        var holdout = Fraction(parsed, "holdout", 0);
        var seed = parsed.Integer("seed", 1, 0, int.MaxValue);
        var (outputs, files) = Read(parsed, holdout, seed);
        if (outputs is null)
        {
            return ExitCodes.BadInput;
        }

        // Our own labelled examples are few beside the public sets but are the product's own cases
        // (support answers, prices, policies): each counts --own-weight times (default 5).
        var weight = parsed.Integer("own-weight", 5, 1, 100);
        var training = outputs.Where(o => !DetectorHoldout.IsHeldOut(o.Group, holdout, seed))
            .Select(o => o.Source == LabelledData.Labelled ? o with { Weight = weight } : o).ToList();

        // The detector's rules decide abstentions, unanswerable items and outputs that claim nothing: the model learns the rest.
        using var generator = new MiniLmEmbeddingGenerator();
        var featurizer = new DetectorFeaturizer(generator);
        var fit = await DetectorTraining.FitAsync(training, featurizer, algorithm, seed: seed, cancellationToken: cancellationToken).ConfigureAwait(false);
        fit.Model.Save(output);
        var judged = training.Count(o => o.JudgedByModel);
        new DetectorModelCard(DateTimeOffset.UtcNow, algorithm.ToString().ToLowerInvariant(), judged, fit.Views - judged, files, Core.Hallucination.Features.HallucinationFeatures.Names, fit.Model.Calibration).Save(output);
        await stdout.WriteLineAsync($"trained on {judged} of {training.Count} labelled outputs ({training.Count(o => o.Hallucinated)} hallucinated; the rest are decided by rules), {fit.Views} views of them making {fit.Claims} claims; wrote {output} and {DetectorModelCard.PathFor(output)}").ConfigureAwait(false);
        foreach (var kind in fit.OutOfFold.GroupBy(s => s.Score.Kind).OrderBy(g => g.Key))
        {
            var metrics = DetectorMetrics.Of(kind.Select(s => (s.Score.Verdict.Hallucinated ? 1.0 : 0.0, s.Output.Hallucinated)).ToList(), 0.5);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{EvidenceKinds.Name(kind.Key)}: threshold {fit.Model.Calibration.Threshold(kind.Key):0.00}; out of fold: balanced {metrics.BalancedAccuracy:0.000}, precision {metrics.Precision:0.000}, recall {metrics.Recall:0.000} over {metrics.N} outputs")).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private async Task<int> EvaluateAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var modelPath = parsed.Value("model") ?? Core.Configuration.HallucinationSettings.Load(parsed.Config).Settings.Model;
        if (!File.Exists(modelPath))
        {
            await stderr.WriteLineAsync($"sloq: {modelPath}: no such model file").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var card = DetectorModelCard.Load(modelPath);
        var fileOf = new Dictionary<LabelledOutput, DetectorModelCard.DataFile>(ReferenceEqualityComparer.Instance);
        var (outputs, files) = Read(parsed, 0, 0, fileOf);
        if (outputs is null)
        {
            return ExitCodes.BadInput;
        }

        // A file the model learned whole is refused; of a file it learned with a hold-out, only the held-out groups count.
        var learned = files.Select(f => (File: f, Card: card?.Data.FirstOrDefault(d => d.Sha256 == f.Sha256))).Where(x => x.Card is not null).ToList();
        var whole = learned.Where(x => x.Card!.Holdout <= 0).ToList();
        if (whole.Count > 0)
        {
            await stderr.WriteLineAsync($"sloq: {string.Join(", ", whole.Select(f => f.File.Name))}: the model was trained on this data, so its figures would flatter it; measure on held-out data (the benchmarks cross-validate)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        foreach (var (file, learnedFile) in learned)
        {
            var before = outputs.Count;
            outputs.RemoveAll(o => fileOf.GetValueOrDefault(o) == file && !DetectorHoldout.IsHeldOut(o.Group, learnedFile!.Holdout, learnedFile.HoldoutSeed));
            await stdout.WriteLineAsync($"{file.Name}: the model learned all but its held-out groups; measuring its {file.Outputs - (before - outputs.Count)} held-out outputs only").ConfigureAwait(false);
        }

        var thresholds = parsed.Value("threshold") is null ? null : EvidenceKinds.All.ToDictionary(k => k, _ => Fraction(parsed, "threshold", 0.5));
        var detector = HallucinationDetectorFactory.Trained(modelPath, thresholds);
        var scored = new List<(double Score, bool Hallucinated)>();
        var verdicts = new List<(double Flag, bool Hallucinated)>();
        foreach (var o in outputs)
        {
            var verdict = await detector.DetectAsync(o.Item, o.Output, cancellationToken).ConfigureAwait(false);
            scored.Add((verdict.Score, o.Hallucinated));
            verdicts.Add((verdict.Hallucinated ? 1 : 0, o.Hallucinated));
        }

        var metrics = DetectorMetrics.Of(verdicts, 0.5) with { RocAuc = RocAuc.Of(scored) };
        var flagged = verdicts.Count(s => s.Flag > 0);
        var truePositives = verdicts.Count(s => s.Flag > 0 && s.Hallucinated);
        var positives = verdicts.Count(s => s.Hallucinated);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            {metrics}
            accuracy  {Interval((int)Math.Round(metrics.Accuracy * scored.Count), scored.Count)}
            precision {Interval(truePositives, flagged)}
            recall    {Interval(truePositives, positives)}
            """)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Labelled outputs derived from cards (<see cref="VariantGenerator"/>): each card as it stands and, for
    /// a grounded card, against its context alone; every variant of a card shares the card's id, so a
    /// fold never splits a card.
    /// </summary>
    private async Task<int> ExamplesAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var (cards, problems) = VariantCards.Read(parsed.Required("cards"));
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        if (cards.Count == 0)
        {
            return ExitCodes.BadInput;
        }

        var seed = parsed.Integer("seed", 1, 0, int.MaxValue);
        var lines = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            foreach (var v in VariantGenerator.Generate(card, Wrapping.Training, seed))
            {
                counts[v.Kind] = counts.GetValueOrDefault(v.Kind) + 1;
                lines.Add(Line(card, v, grounded: false));
                if (card.Grounded)
                {
                    lines.Add(Line(card, v, grounded: true));
                }
            }
        }

        var output = parsed.Required("out");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllLinesAsync(output, lines, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"wrote {lines.Count} labelled outputs from {cards.Count} cards to {output}: {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}").ConfigureAwait(false);
        return problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success;

        static string Line(VariantCard card, Variant v, bool grounded) => System.Text.Json.JsonSerializer.Serialize(new
        {
            id = card.Id,
            question = card.Question,
            reference = grounded ? [] : new[] { card.Reference },
            context = card.Context is null ? [] : new[] { card.Context },
            incorrect = grounded ? [] : card.Incorrect,
            answerable = true,
            output = v.Output,
            hallucinated = v.Hallucinated,
            kind = v.Kind,
        });
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

    private (List<LabelledOutput>? Outputs, List<DetectorModelCard.DataFile> Files) Read(Arguments parsed, double holdout, int seed, Dictionary<LabelledOutput, DetectorModelCard.DataFile>? fileOf = null)
    {
        var paths = parsed.Values("data");
        var outputs = new List<LabelledOutput>();
        var files = new List<DetectorModelCard.DataFile>();
        var bad = false;
        foreach (var path in paths)
        {
            var (read, problems) = LabelledData.Read(path);
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            bad |= read.Count == 0;
            if (File.Exists(path))
            {
                var file = new DetectorModelCard.DataFile(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) + "/" + Path.GetFileName(path), DetectorModelCard.Sha256(path), read.Count, holdout, holdout > 0 ? seed : 0);
                files.Add(file);
                outputs.AddRange(read);
                foreach (var o in read)
                {
                    fileOf?.TryAdd(o, file);
                }
            }
        }

        return (bad ? null : outputs, files);
    }

    private static async Task<List<DetectorCase>> CasesAsync(DetectorFeaturizer featurizer, IReadOnlyList<LabelledOutput> outputs, CancellationToken cancellationToken)
    {
        var features = await featurizer.FeaturesAsync(outputs.Select(o => (o.Item, o.Output)).ToList(), cancellationToken).ConfigureAwait(false);
        return outputs.Select((o, i) => new DetectorCase(o.Group, features[i], o.Hallucinated)).ToList();
    }

    private static double Fraction(Arguments parsed, string name, double fallback) => parsed.Value(name) is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and < 1 ? t
        : throw new UsageException($"--{name} '{text}' is not a fraction between 0 and 1");
}
