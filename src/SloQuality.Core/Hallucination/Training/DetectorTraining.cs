using SloQuality.Core.Hallucination.Calibration;
using SloQuality.Core.Hallucination.Claims;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// The detector's training recipe, used by <c>sloq detector train</c> and every benchmark alike:
/// <list type="number">
/// <item>every labelled output in all its training views is cut into claims and featurised;</item>
/// <item>the classifier learns claims: a faithful output's claims are all faithful; of a hallucinated
/// output with several claims only its worst claim (by a first model) is hallucinated, so a sentence
/// copied from the passage is not taught as a hallucination because a later one was;</item>
/// <item>five folds by group give every output a score from a model that never saw its group, through
/// the detector exactly as it ships; Platt scaling and the threshold per kind of evidence are fitted on
/// those pooled out-of-fold scores, never in-sample;</item>
/// <item>the model trained on everything takes that calibration.</item>
/// </list>
/// </summary>
public static class DetectorTraining
{
    public static async Task<DetectorFit> FitAsync(
        IReadOnlyList<LabelledOutput> outputs, DetectorFeaturizer featurizer, DetectorAlgorithm algorithm = DetectorAlgorithm.FastTree,
        int folds = 5, int seed = 1, IReadOnlyList<LabelledOutput>? testView = null, CancellationToken cancellationToken = default)
    {
        var views = await ViewsAsync(outputs, featurizer, cancellationToken).ConfigureAwait(false);
        var fold = DetectorTrainer.Folds(outputs.Select(o => o.Group), folds, seed);
        var models = new List<HallucinationModel>();
        var calibrating = new List<CalibrationCase>();
        for (var k = 0; k < folds; k++)
        {
            var model = Train(views.Where(v => fold[v.Output.Group] != k).ToList(), algorithm, seed);
            models.Add(model);
            var detector = new TrainedHallucinationDetector(model, featurizer);

            // Calibrated on the outputs as labelled (not their training views, whose mixture of kinds
            // and priors is ours), each scored by a model that never saw its group.
            foreach (var o in outputs.Where(o => fold.TryGetValue(o.Group, out var f) && f == k))
            {
                if ((await detector.ScoreAsync(o.Item, o.Output, cancellationToken).ConfigureAwait(false)) is { Raw: { } raw } score)
                {
                    calibrating.Add(new CalibrationCase(score.Kind, raw, o.Hallucinated, o.Weight, o.Source));
                }
            }
        }

        var calibration = DetectorCalibration.Fit(calibrating);

        // The out-of-fold verdicts exactly as the shipped detector gives them: each fold's model with the calibration.
        var scored = new List<ScoredOutput>();
        for (var k = 0; k < folds; k++)
        {
            var detector = new TrainedHallucinationDetector(models[k].WithCalibration(calibration), featurizer);
            foreach (var o in (testView ?? outputs).Where(o => fold.TryGetValue(o.Group, out var f) && f == k))
            {
                scored.Add(new ScoredOutput(o, await detector.ScoreAsync(o.Item, o.Output, cancellationToken).ConfigureAwait(false)));
            }
        }

        var final = Train(views, algorithm, seed).WithCalibration(calibration);
        return new DetectorFit(final, scored, views.Count, views.Sum(v => v.Claims.Count));
    }

    /// <summary>A model of the claims of these outputs' views, without calibration (for cross-validation by callers).</summary>
    public static async Task<HallucinationModel> TrainAsync(IReadOnlyList<LabelledOutput> outputs, DetectorFeaturizer featurizer, DetectorAlgorithm algorithm = DetectorAlgorithm.FastTree, int seed = 1, CancellationToken cancellationToken = default) =>
        Train(await ViewsAsync(outputs, featurizer, cancellationToken).ConfigureAwait(false), algorithm, seed);

    private sealed record View(LabelledOutput Output, IReadOnlyList<float[]> Claims);

    private static async Task<List<View>> ViewsAsync(IReadOnlyList<LabelledOutput> outputs, DetectorFeaturizer featurizer, CancellationToken cancellationToken)
    {
        var claimed = outputs.Where(o => o.JudgedByModel).SelectMany(o => o.TrainingViews())
            .Concat(outputs.GroupBy(o => o.Group).SelectMany(g => g.First().Echoes()))
            .Select(v => (Output: v, Claims: ClaimSplitter.Split(v.Output, v.Item.Prompt).Claims))
            .Where(v => v.Claims.Count > 0)
            .ToList();
        var features = await featurizer.FeaturesAsync(claimed.SelectMany(v => v.Claims.Select(c => (v.Output.Item, c))).ToList(), cancellationToken).ConfigureAwait(false);
        var views = new List<View>(claimed.Count);
        var next = 0;
        foreach (var (output, claims) in claimed)
        {
            views.Add(new View(output, Enumerable.Range(next, claims.Count).Select(i => features[i]).ToList()));
            next += claims.Count;
        }

        return views;
    }

    private static HallucinationModel Train(IReadOnlyList<View> views, DetectorAlgorithm algorithm, int seed)
    {
        // Claims whose label is known: every claim of a faithful output, the only claim of a hallucinated one.
        var known = views.Where(v => !v.Output.Hallucinated || v.Claims.Count == 1)
            .SelectMany(v => v.Claims.Select(f => new DetectorCase(v.Output.Group, f, v.Output.Hallucinated, v.Output.Weight / v.Claims.Count)))
            .ToList();
        var first = DetectorTrainer.Train(known, algorithm, seed);
        var several = views.Where(v => v.Output.Hallucinated && v.Claims.Count > 1).ToList();
        if (several.Count == 0)
        {
            return first;
        }

        // A hallucinated output with several claims: only its worst claim is taught as the hallucination.
        var worst = several.Select(v =>
        {
            var scores = first.RawScores(v.Claims);
            var index = scores.Select((s, i) => (s, i)).MaxBy(x => x.s).i;
            return new DetectorCase(v.Output.Group, v.Claims[index], true, v.Output.Weight);
        });
        return DetectorTrainer.Train([.. known, .. worst], algorithm, seed);
    }
}

/// <summary>A trained, calibrated model and the out-of-fold verdicts it was calibrated on.</summary>
/// <param name="Views">How many output views it learned from.</param>
/// <param name="Claims">How many claims those views made.</param>
public sealed record DetectorFit(HallucinationModel Model, IReadOnlyList<ScoredOutput> OutOfFold, int Views, int Claims);

/// <summary>A labelled output with the detector's verdict on it.</summary>
public sealed record ScoredOutput(LabelledOutput Output, DetectorScore Score);
