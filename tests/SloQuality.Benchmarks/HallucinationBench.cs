using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML;
using SloQuality.Core.Hallucination.Training;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>halluc-truthfulqa</c>, <c>halluc-grounding</c>, <c>halluc-halueval</c>: the trained detector,
/// cross-validated five ways by question on the shared dev data (no question's answers on both sides),
/// beside the yardsticks measured in the same run.
/// </summary>
internal static class HallucinationBench
{
    public static async Task<string> TruthfulQaAsync()
    {
        var outputs = TruthfulQaReader.Read(SharedDatasets.File("truthfulqa", "dev.jsonl"));
        using var generator = new MiniLmEmbeddingGenerator();
        var featurizer = new DetectorFeaturizer(generator);
        Console.WriteLine($"{outputs.Count} candidates from {outputs.Select(o => o.Group).Distinct().Count()} questions, {outputs.Count(o => o.Hallucinated)} hallucinated");
        var overlap = DetectorMetrics.Of(outputs.Select(o => (Score: NearestListMargin(o), o.Hallucinated)).ToList(), 1e-9);
        Console.WriteLine($"yardstick token-F1 nearest list:         {overlap}");
        Console.WriteLine($"yardstick candidate alone (text):        {DetectorMetrics.Of(CandidateOnly(outputs), 0.5)}");
        Console.WriteLine($"detector, logistic regression:           {Verdicts(await DetectorTraining.FitAsync(outputs, featurizer, DetectorAlgorithm.Logistic))}");
        var shipped = Verdicts(await DetectorTraining.FitAsync(outputs, featurizer));
        Console.WriteLine($"detector, FastTree (the shipped recipe): {shipped}");
        var referencesOnly = outputs.Select(o => o.WithoutCounterEvidence() ?? o).ToList();
        Console.WriteLine($"the same, judged on references alone:    {Verdicts(await DetectorTraining.FitAsync(outputs, featurizer, testView: referencesOnly))}");
        Console.WriteLine("5-fold cross-validation by question through the product's DetectAsync; targets: balanced accuracy >= 0.80, ROC AUC >= 0.88");
        return string.Create(CultureInfo.InvariantCulture,
            $"halluc-truthfulqa: balanced {shipped.BalancedAccuracy:0.000}, ROC AUC {shipped.RocAuc:0.000}, accuracy {shipped.Accuracy:0.000}, F1 {shipped.F1:0.000} over {shipped.N} (token-F1 yardstick {overlap.BalancedAccuracy:0.000})");
    }

    public static async Task<string> GroundingAsync()
    {
        var path = SharedDatasets.File("truthfulqa", "dev.jsonl");
        var normal = TruthfulQaReader.Read(path);
        var swapped = TruthfulQaReader.Read(path, swapped: true);
        using var generator = new MiniLmEmbeddingGenerator();
        var featurizer = new DetectorFeaturizer(generator);
        var shipped = Verdicts(await DetectorTraining.FitAsync(normal, featurizer, testView: swapped));
        Console.WriteLine($"held-out questions with the golden set asserting the misconceptions (references and incorrect swapped, verdicts flipped)");
        Console.WriteLine($"the shipped recipe (training questions in both orientations): {shipped}");
        Console.WriteLine("target: balanced accuracy >= 0.75 on the swapped cases");
        return string.Create(CultureInfo.InvariantCulture,
            $"halluc-grounding: balanced {shipped.BalancedAccuracy:0.000}, ROC AUC {shipped.RocAuc:0.000} on {shipped.N} swapped cases");
    }

    public static async Task<string> HaluEvalAsync()
    {
        var outputs = HaluEvalReader.Read(SharedDatasets.File("halueval-qa", "dev.jsonl"));
        using var generator = new MiniLmEmbeddingGenerator();
        var without = Verdicts(await DetectorTraining.FitAsync(outputs, new DetectorFeaturizer(generator)));
        var with = DetectorMetrics.Of(DetectorTrainer.CrossValidate(await CasesAsync(outputs, withLength: true)), 0);
        var lengthOnly = DetectorMetrics.Of(DetectorTrainer.CrossValidate(outputs.Select(o => new DetectorCase(o.Group, [TextNormalizer.Tokens(o.Output).Count], o.Hallucinated)).ToList()), 0);
        Console.WriteLine($"{outputs.Count} answers");
        Console.WriteLine($"length-only baseline:                                {lengthOnly}");
        Console.WriteLine($"detector without any length feature (shipped):      {without}");
        Console.WriteLine($"the same features plus the answer's length:          {with}");
        Console.WriteLine("target: balanced accuracy >= 0.95");
        return string.Create(CultureInfo.InvariantCulture, $"halluc-halueval: balanced {without.BalancedAccuracy:0.000} without length (length alone {lengthOnly.BalancedAccuracy:0.000}), F1 {without.F1:0.000}, ROC AUC {without.RocAuc:0.000}");
    }

    /// <summary>
    /// <c>halluc-speed</c>: items per second through the shipped detector (output embeddings included),
    /// with the golden set's own embeddings cached as a second run finds them, against the same detector
    /// with nothing cached, in the same run.
    /// </summary>
    public static async Task<string> SpeedAsync()
    {
        // TruthfulQA's candidates also sit in their siblings' lists; a model's output is new text, so each gets a word no list has.
        var outputs = TruthfulQaReader.Read(SharedDatasets.File("truthfulqa", "dev.jsonl")).Where(o => o.JudgedByModel).Take(1500)
            .Select((o, i) => o with { Output = $"{o.Output}, as answer {i} says" }).ToList();
        var model = HallucinationModel.Load(Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs", "detector", "hallucination-detector.zip"));
        using var generator = new MiniLmEmbeddingGenerator();
        await generator.GenerateAsync(["warm up the encoder"]);

        var cold = new TrainedHallucinationDetector(model, new DetectorFeaturizer(generator));
        var coldRate = await RateAsync(cold, outputs.Take(300).ToList());

        var featurizer = new DetectorFeaturizer(generator);
        var warm = new TrainedHallucinationDetector(model, featurizer);
        // The golden set's texts as an earlier run left them: every item scored once with another output.
        await featurizer.FeaturesAsync(outputs.Select(o => (o.Item, o.Item.Reference[0])).ToList());
        var warmRate = await RateAsync(warm, outputs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nothing cached: {coldRate:0} items/s ({1000 / coldRate:0.0} ms each) over 300 items"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"golden set cached: {warmRate:0} items/s ({1000 / warmRate:0.0} ms each) over {outputs.Count} items; {warmRate / coldRate:0.0}x; {Environment.ProcessorCount} cores"));
        Console.WriteLine("target: >= 100 items/s");
        return string.Create(CultureInfo.InvariantCulture, $"halluc-speed: {warmRate:0} items/s with the golden set cached ({coldRate:0} with nothing cached, {warmRate / coldRate:0.0}x)");
    }

    /// <summary>The out-of-fold verdicts at the calibrated thresholds, ranked by the calibrated probability.</summary>
    private static DetectorMetrics Verdicts(DetectorFit fit)
    {
        var verdicts = DetectorMetrics.Of(fit.OutOfFold.Select(s => (s.Score.Verdict.Hallucinated ? 1.0 : 0.0, s.Output.Hallucinated)).ToList(), 0.5);
        return verdicts with { RocAuc = Core.Statistics.RocAuc.Of(fit.OutOfFold.Select(s => (s.Score.Verdict.Score, s.Output.Hallucinated)).ToList()) };
    }

    /// <summary>
    /// <c>halluc-speed-long</c>: long grounded items as RAG and summaries make them: a context of about
    /// 250 words (BEGIN passages, joined until long enough) and an answer of 3 to 5 sentences (taken from
    /// the passage, with one sentence of another passage in every other answer). Items per second through
    /// the shipped detector with nothing cached, and with the golden set's embeddings cached as a second
    /// run finds them (each answer is new text either way).
    /// </summary>
    public static async Task<string> SpeedLongAsync()
    {
        var passages = BeginReader.Read(SharedDatasets.File("begin", "dev.jsonl")).Select(o => o.Item.Context[0]).Distinct(StringComparer.Ordinal).ToList();
        var items = new List<(Core.Datasets.GoldenItem Item, string Answer)>();
        var random = new Random(5);
        for (var i = 0; items.Count < 400 && i + 1 < passages.Count; i++)
        {
            var context = passages[i];
            for (var j = i + 1; Words(context) < 230 && j < passages.Count; j++)
            {
                context += " " + passages[j];
            }

            var sentences = Sentences.Split(context).Where(s => Words(s) >= 6).ToList();
            if (sentences.Count < 5)
            {
                continue;
            }

            var answer = sentences.OrderBy(_ => random.Next()).Take(random.Next(3, 6)).ToList();
            if (items.Count % 2 == 1)
            {
                answer[^1] = Sentences.Split(passages[(i + 97) % passages.Count]).First();
            }

            var item = new Core.Datasets.GoldenItem { Id = $"long-{items.Count}", Input = [new Core.Datasets.ChatMessage("user", "Summarise what the passage says.")], Context = [context] };
            items.Add((item, string.Join(" ", answer)));
        }

        var model = HallucinationModel.Load(Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs", "detector", "hallucination-detector.zip"));
        using var generator = new MiniLmEmbeddingGenerator();
        await generator.GenerateAsync(["warm up the encoder"]);
        var words = items.Average(x => Words(x.Item.Context[0]));
        var answerSentences = items.Average(x => Sentences.Split(x.Answer).Count);

        using var recording = new RecordingGenerator(generator);
        var cold = new TrainedHallucinationDetector(model, new DetectorFeaturizer(recording));
        var coldRate = await RateAsync(cold, items.Take(150).Select(x => (x.Item, x.Answer + " (first run)")).ToList());

        // The ceiling: the encoder alone, embedding every text the cold items needed in one call (sorted
        // and packed at its best), with nothing else to do.
        var needed = recording.Texts;
        var tokens = needed.Sum(t => generator.Tokenize(t).Length);
        var encoderClock = Stopwatch.StartNew();
        generator.Generate(needed, CancellationToken.None);
        var ceiling = 150 / encoderClock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold items need {needed.Count / 150.0:0} texts, {tokens / 150.0:0} tokens each; the encoder alone embeds them in one call at {tokens / encoderClock.Elapsed.TotalSeconds:0} tokens/s: at most {ceiling:0.0} items/s cold (the pipeline reaches {coldRate / ceiling:0.00} of it)"));

        var featurizer = new DetectorFeaturizer(generator);
        var warm = new TrainedHallucinationDetector(model, featurizer);
        foreach (var (item, answer) in items)
        {
            await warm.DetectAsync(item, "An earlier answer about the passage.");
        }

        var warmRate = await RateAsync(warm, items.Select(x => (x.Item, x.Answer + " (second run)")).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{items.Count} items: contexts of {words:0} words on average, answers of {answerSentences:0.0} sentences"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nothing cached: {coldRate:0.0} items/s over 150 items; golden set cached: {warmRate:0.0} items/s over {items.Count}; {Environment.ProcessorCount} cores"));
        Console.WriteLine("targets on 2 cores: >= 15 items/s cold, >= 60 items/s cached");
        return string.Create(CultureInfo.InvariantCulture, $"halluc-speed-long: {coldRate:0.0} items/s cold (encoder alone at most {ceiling:0.0}), {warmRate:0.0} items/s with the golden set cached");
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task<double> RateAsync(TrainedHallucinationDetector detector, IReadOnlyList<(Core.Datasets.GoldenItem Item, string Output)> outputs)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(outputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (o, ct) => await detector.DetectAsync(o.Item, o.Output, ct));
        return outputs.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> RateAsync(TrainedHallucinationDetector detector, IReadOnlyList<LabelledOutput> outputs)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(outputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (o, ct) => await detector.DetectAsync(o.Item, o.Output, ct));
        return outputs.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<IReadOnlyList<DetectorCase>> CasesAsync(IReadOnlyList<LabelledOutput> outputs, bool withLength)
    {
        using var generator = new MiniLmEmbeddingGenerator();
        var clock = Stopwatch.StartNew();
        var features = await new DetectorFeaturizer(generator, withLength).FeaturesAsync(outputs.Select(o => (o.Item, o.Output)).ToList());
        Console.WriteLine($"featurised {outputs.Count} outputs in {clock.Elapsed.TotalSeconds:0.0} s");
        return outputs.Select((o, i) => new DetectorCase(o.Group, features[i], o.Hallucinated)).ToList();
    }

    /// <summary>The README's yardstick: the label of the list holding the answer with the best token F1 (score: the incorrect list's margin).</summary>
    private static double NearestListMargin(LabelledOutput o)
    {
        var tokens = TextNormalizer.Tokens(o.Output);
        double Best(IReadOnlyList<string> list) => list.Count == 0 ? 0 : list.Max(a => TokenF1Scorer.F1(tokens, TextNormalizer.Tokens(a)));
        return Best(o.Item.Incorrect) - Best(o.Item.Reference);
    }

    /// <summary>The style yardstick: a bag-of-words logistic regression on the candidate alone, cross-validated by question.</summary>
    private static IReadOnlyList<(double, bool)> CandidateOnly(IReadOnlyList<LabelledOutput> outputs)
    {
        var ml = new MLContext(1);
        var fold = DetectorTrainer.Folds(outputs.Select(o => o.Group), 5, 1);
        var scored = new List<(double, bool)>();
        for (var k = 0; k < 5; k++)
        {
            var train = ml.Data.LoadFromEnumerable(outputs.Where(o => fold[o.Group] != k).Select(o => new TextRow { Text = o.Output, Label = o.Hallucinated }));
            var test = outputs.Where(o => fold[o.Group] == k).ToList();
            var model = ml.Transforms.Text.FeaturizeText("Features", nameof(TextRow.Text))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(train);
            var probabilities = model.Transform(ml.Data.LoadFromEnumerable(test.Select(o => new TextRow { Text = o.Output, Label = o.Hallucinated }))).GetColumn<float>("Probability").ToList();
            scored.AddRange(test.Select((o, i) => ((double)probabilities[i], o.Hallucinated)));
        }

        return scored;
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;

        public bool Label { get; set; }
    }
}
