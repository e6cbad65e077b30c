using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML;

namespace SloQuality.Core.Drift;

/// <summary>
/// Can a classifier tell the current outputs from the baseline's? An ML.NET L2-regularised logistic
/// regression over the embeddings, 5-fold cross-validated with both outputs of an item always in the
/// same fold (otherwise it would learn the prompt, not the model); the statistic is the ROC AUC of the
/// held-out scores. On a small sample a classifier finds something by chance, so AUC alone would
/// false-alarm: the p-value ranks the AUC among refits on label-swapped data (the null).
/// </summary>
public sealed class DomainClassifierTest : IDriftTest
{
    private const int Folds = 5;

    public string Name => "domain_classifier";

    public DriftTestResult? Run(IReadOnlyList<DriftPair> pairs, DriftOptions options)
    {
        if (pairs.Count < Math.Max(options.MinimumItems, Folds * 2) || options.ClassifierNullRounds == 0)
        {
            return null;
        }

        var ml = new MLContext(options.Seed);
        ml.Log += (_, _) => { };
        var schema = SchemaDefinition.Create(typeof(ClassifierRow));
        schema[nameof(ClassifierRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, pairs[0].Baseline.Length);
        var random = new Random(options.Seed);
        var fold = Enumerable.Range(0, pairs.Count).OrderBy(_ => random.Next()).Select((pair, rank) => (pair, rank % Folds))
            .OrderBy(t => t.pair).Select(t => t.Item2).ToArray();

        var observed = CrossValidatedAuc(ml, schema, pairs, fold, new bool[pairs.Count]);
        var atLeast = 0;
        var swapped = new bool[pairs.Count];
        for (var r = 0; r < options.ClassifierNullRounds; r++)
        {
            for (var i = 0; i < swapped.Length; i++)
            {
                swapped[i] = random.Next(2) == 1;
            }

            if (CrossValidatedAuc(ml, schema, pairs, fold, swapped) >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        var p = (1.0 + atLeast) / (1.0 + options.ClassifierNullRounds);
        var detail = string.Create(CultureInfo.InvariantCulture, $"cross-validated ROC AUC of baseline vs current: {observed:0.000} (threshold {options.ClassifierAucThreshold}; null from {options.ClassifierNullRounds} label-swapped refits)");
        return new DriftTestResult(Name, observed, p, null, options.ClassifierAucThreshold, false, detail);
    }

    private static double CrossValidatedAuc(MLContext ml, SchemaDefinition schema, IReadOnlyList<DriftPair> pairs, int[] fold, bool[] swapped)
    {
        var scores = new List<(double Score, bool Label)>(pairs.Count * 2);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            // Light regularisation and a tight tolerance: most paired outputs are identical, so at the
            // start the gradient is tiny and a loose tolerance stops before learning anything.
            L2Regularization = 0.01f,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 100,
            NumberOfThreads = 1,
        });
        for (var k = 0; k < Folds; k++)
        {
            var train = ml.Data.LoadFromEnumerable(Rows(pairs, fold, swapped, k, inFold: false), schema);
            var test = ml.Data.LoadFromEnumerable(Rows(pairs, fold, swapped, k, inFold: true).ToList(), schema);
            var model = trainer.Fit(train);
            var scored = model.Transform(test);
            var labels = scored.GetColumn<bool>(nameof(ClassifierRow.Label)).ToArray();
            var values = scored.GetColumn<float>("Score").ToArray();
            for (var i = 0; i < labels.Length; i++)
            {
                scores.Add((values[i], labels[i]));
            }
        }

        return Statistics.RocAuc.Of(scores);
    }

    private static IEnumerable<ClassifierRow> Rows(IReadOnlyList<DriftPair> pairs, int[] fold, bool[] swapped, int k, bool inFold)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if ((fold[i] == k) == inFold)
            {
                yield return new ClassifierRow { Label = swapped[i], Features = pairs[i].Baseline };
                yield return new ClassifierRow { Label = !swapped[i], Features = pairs[i].Current };
            }
        }
    }
}
