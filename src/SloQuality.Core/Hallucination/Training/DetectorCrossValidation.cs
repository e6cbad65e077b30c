namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// Cross-validates the detector exactly as it ships: for each fold, a model trained on the other
/// folds' outputs (those the model judges, in all their training views) goes into a
/// <see cref="TrainedHallucinationDetector"/>, which scores the held-out outputs through the same
/// <c>DetectAsync</c> the evaluation calls (rules for abstentions and unanswerable items included).
/// Folds are by group: no question's outputs on both sides.
/// </summary>
public static class DetectorCrossValidation
{
    public static async Task<IReadOnlyList<(double Score, bool Hallucinated)>> RunAsync(
        IReadOnlyList<LabelledOutput> outputs, DetectorFeaturizer featurizer, int folds = 5, int seed = 1, bool mirror = true,
        IReadOnlyList<LabelledOutput>? testView = null, DetectorAlgorithm algorithm = DetectorAlgorithm.FastTree, CancellationToken cancellationToken = default)
    {
        var fold = DetectorTrainer.Folds(outputs.Select(o => o.Group), folds, seed);
        var training = outputs.Where(o => o.JudgedByModel).ToList();
        var all = mirror ? training.SelectMany(o => o.TrainingViews()).ToList() : training;
        var features = await featurizer.FeaturesAsync(all.Select(o => (o.Item, o.Output)).ToList(), cancellationToken).ConfigureAwait(false);
        var cases = all.Select((o, i) => new DetectorCase(o.Group, features[i], o.Hallucinated)).ToList();
        var scored = new List<(double, bool)>();
        for (var k = 0; k < folds; k++)
        {
            var model = DetectorTrainer.Train(cases.Where(c => fold[c.Group] != k).ToList(), algorithm, seed);
            var detector = new TrainedHallucinationDetector(model, featurizer);
            foreach (var o in (testView ?? outputs).Where(o => fold.TryGetValue(o.Group, out var f) && f == k))
            {
                var verdict = await detector.DetectAsync(o.Item, o.Output, cancellationToken).ConfigureAwait(false);
                scored.Add((verdict.Score, o.Hallucinated));
            }
        }

        return scored;
    }
}
