using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Comparison;

/// <summary>Builds a <see cref="RunComparison"/> from the result store, for the service's page and <c>sloq compare</c> alike.</summary>
/// <param name="embeddings">For the drift between the runs' outputs; without one the drift is "not measured".</param>
public sealed class RunComparer(IResultStore results, EmbeddingCache? embeddings, DriftOptions driftOptions, SignoffPolicy policy)
{
    /// <param name="items">The dataset's items by id (prompts and references), when known.</param>
    public async Task<(RunComparison? Comparison, string? Problem)> CompareAsync(string runA, string runB, IReadOnlyDictionary<string, GoldenItem>? items, CancellationToken cancellationToken)
    {
        var a = await results.GetRunAsync(runA, cancellationToken).ConfigureAwait(false);
        var b = await results.GetRunAsync(runB, cancellationToken).ConfigureAwait(false);
        if (a is null || b is null)
        {
            return (null, $"no run '{(a is null ? runA : runB)}' in the result store");
        }

        if (a.DatasetName != b.DatasetName)
        {
            return (null, $"run {a.RunId} is of dataset '{a.DatasetName}' and run {b.RunId} of '{b.DatasetName}': compare two runs of one dataset");
        }

        var resultsA = await results.GetItemResultsAsync(a.RunId, cancellationToken).ConfigureAwait(false);
        var resultsB = await results.GetItemResultsAsync(b.RunId, cancellationToken).ConfigureAwait(false);
        var verdict = new SignoffEvaluator(policy).Evaluate(b, resultsA, resultsB, new SloSet([], new AvailabilityCounting()));
        var drift = await SignoffDrift.RuleAsync(embeddings, resultsA, resultsB, driftOptions, cancellationToken).ConfigureAwait(false);
        var pairs = Pair(resultsA, resultsB, items);
        return (new RunComparison(a, b, pairs, verdict.Rules, drift with { Name = "drift between the runs' outputs" }, verdict.PairedItems), null);
    }

    private static List<ItemPair> Pair(IReadOnlyList<ItemResult> a, IReadOnlyList<ItemResult> b, IReadOnlyDictionary<string, GoldenItem>? items)
    {
        var byKeyA = a.ToDictionary(r => (r.ItemId, r.RepeatIndex));
        var byKeyB = b.ToDictionary(r => (r.ItemId, r.RepeatIndex));
        return byKeyA.Keys.Union(byKeyB.Keys)
            .Select(key =>
            {
                var left = byKeyA.GetValueOrDefault(key);
                var right = byKeyB.GetValueOrDefault(key);
                var change = left is null || right is null || ReportFigures.Verdict(left) != ReportFigures.Verdict(right)
                    ? ItemPair.Verdict
                    : left.Output != right.Output ? ItemPair.Output : ItemPair.Unchanged;
                return new ItemPair(key.ItemId, key.RepeatIndex, items?.GetValueOrDefault(key.ItemId), left, right, change);
            })
            .OrderBy(p => p.Change switch { ItemPair.Verdict => 0, ItemPair.Output => 1, _ => 2 })
            .ThenBy(p => p.ItemId, StringComparer.Ordinal)
            .ThenBy(p => p.Repeat)
            .ToList();
    }
}
