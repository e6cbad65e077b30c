using SloQuality.Core.Datasets;
using SloQuality.Core.Statistics;

namespace SloQuality.Core.Evaluation;

/// <summary>Folds a run's stored item results into its <see cref="RunSummary"/>.</summary>
public static class RunSummaryBuilder
{
    public static RunSummary Build(
        RunRecord run,
        GoldenDataset dataset,
        RunSummary.ModelInfo model,
        IReadOnlyList<ItemResult> results,
        DateTimeOffset finishedAt)
    {
        var answered = results.Where(r => r.Error is null).ToList();
        var errors = results.Where(r => r.ErrorKind is not null)
            .GroupBy(r => r.ErrorKind!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());

        var ttft = Sorted(results.Where(r => r.Error is null).Select(r => r.TtftMs));
        var total = Sorted(results.Where(r => r.Error is null).Select(r => r.TotalMs));
        var gaps = Sorted(results.Where(r => r.Error is null).SelectMany(r => r.GapsMs.Select(g => (double?)g)));
        var decode = Sorted(answered
            .Where(r => r is { OutputTokens: > 1, TotalMs: { } t, TtftMs: { } f } && t > f)
            .Select(r => (double?)((r.OutputTokens!.Value - 1) / ((r.TotalMs!.Value - r.TtftMs!.Value) / 1000.0))));

        var duration = Math.Max(0, (finishedAt - run.StartedAt).TotalSeconds);
        var outputTokens = results.Sum(r => (long)(r.OutputTokens ?? 0));
        return new RunSummary
        {
            RunId = run.RunId,
            Dataset = new RunSummary.DatasetInfo(dataset.Name, dataset.Path, dataset.ContentHash, dataset.Items.Count),
            Model = model,
            StartedAt = run.StartedAt,
            FinishedAt = finishedAt,
            DurationSeconds = Math.Round(duration, 3),
            Repeat = run.Repeat,
            Repeats = RepeatStatistics.From(run.Repeat, results),
            Items = new RunSummary.ItemCounts(run.PlannedItems, results.Count, results.Count - answered.Count, errors),
            // Grounded items (context only) have no correctness: they are left out of it, not counted wrong.
            Correctness = RateEstimate.Wilson(answered.Count(r => r.Correct == true), answered.Count(r => r.Correct is not null)),
            Hallucination = Hallucination.HallucinationRate.From(RateEstimate.Wilson(answered.Count(r => r.Hallucinated == true), answered.Count)),
            Availability = RateEstimate.Wilson(results.Count(r => !r.Unavailable), results.Count),
            SuccessRate = RateEstimate.Wilson(answered.Count, results.Count),
            Latency = new RunSummary.LatencySummary(
                QuantileEstimate.FromSorted(ttft, 0.50),
                QuantileEstimate.FromSorted(ttft, 0.90),
                QuantileEstimate.FromSorted(ttft, 0.99),
                QuantileEstimate.FromSorted(gaps, 0.50),
                QuantileEstimate.FromSorted(gaps, 0.99),
                QuantileEstimate.FromSorted(total, 0.50),
                QuantileEstimate.FromSorted(total, 0.99)),
            Tokens = new RunSummary.TokenSummary(
                results.Sum(r => (long)(r.PromptTokens ?? 0)),
                outputTokens,
                duration > 0 ? Math.Round(outputTokens / duration, 1) : null,
                decode.Length > 0 ? Math.Round(QuantileEstimate.FromSorted(decode, 0.5).Value!.Value, 1) : null),
        };
    }

    private static double[] Sorted(IEnumerable<double?> values)
    {
        var array = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        Array.Sort(array);
        return array;
    }
}
