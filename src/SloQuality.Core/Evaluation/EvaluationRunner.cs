using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Slo;
using SloQuality.Core.Replay;

namespace SloQuality.Core.Evaluation;

/// <summary>
/// Runs one dataset against one model target: replays every (item, repeat) not yet stored with bounded
/// concurrency, scores each answer as it arrives, hands it to the store's writer, and summarises the
/// run; a resumed run is summarised from the store, so every item counts exactly once.
/// </summary>
public sealed class EvaluationRunner(IResultStore store, ItemScorer scorer, TimeProvider time, DriftStage? drift = null, ISloSliceStore? slices = null)
{
    public async Task<RunOutcome> RunAsync(
        GoldenDataset dataset,
        IModelClient client,
        RunSummary.ModelInfo model,
        EvaluationOptions options,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var runId = options.RunId ?? NewRunId(dataset, client);
        await store.RegisterDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
        var planned = dataset.Items.Count * options.Repeat;
        await store.CreateRunAsync(
            new RunRecord(runId, dataset.Name, dataset.ContentHash, client.TargetName, planned, options.Repeat, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        var run = (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false))!;

        var done = await store.GetCompletedItemsAsync(runId, cancellationToken).ConfigureAwait(false);
        var work = Enumerable.Range(0, options.Repeat)
            .SelectMany(repeat => dataset.Items.Select(item => (item, repeat)))
            .Where(w => !done.Contains((w.item.Id, w.repeat)))
            .ToList();
        var completed = planned - work.Count;
        progress?.Report(completed);
        var produced = new ItemResult[work.Count];
        var index = -1;

        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (w, ct) =>
            {
                var replay = await client.ReplayAsync(w.item, ct).ConfigureAwait(false);
                var result = scorer.Score(runId, w.item, w.repeat, replay, time.GetUtcNow());
                await store.WriteItemAsync(result, ct).ConfigureAwait(false);
                produced[Interlocked.Increment(ref index)] = result;
                progress?.Report(Interlocked.Increment(ref completed));
            }).ConfigureAwait(false);

        await store.FlushAsync(cancellationToken).ConfigureAwait(false);

        // A fresh run is summarised from what it just produced; a resumed one from the store, which
        // holds the earlier attempt's items too (each once: the first stored result wins).
        IReadOnlyList<ItemResult> results = done.Count == 0 ? produced : await store.GetItemResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        var driftOutcome = drift is null ? null : await drift.AssessAsync(run, results, cancellationToken).ConfigureAwait(false);
        results = driftOutcome?.Items ?? results;
        if (slices is not null)
        {
            // The SLO fold reads these five-minute aggregates, never the raw items again.
            await slices.WriteSlicesAsync(runId, SliceAggregator.Aggregate(run, results, dataset), cancellationToken).ConfigureAwait(false);
        }

        var finishedAt = time.GetUtcNow();
        var summary = RunSummaryBuilder.Build(run, dataset, model, results, finishedAt) with { Drift = driftOutcome?.Assessment };
        await store.CompleteRunAsync(runId, finishedAt, Reports.SummaryJson.Serialize(summary), cancellationToken).ConfigureAwait(false);
        return new RunOutcome(summary, results, driftOutcome?.BaselineOutputs ?? new Dictionary<string, string>());
    }

    /// <summary>Sortable by time, readable, and unique: <c>20261129T0712-support-faq-sim-stable-3f9a1c</c>.</summary>
    private string NewRunId(GoldenDataset dataset, IModelClient client)
    {
        var raw = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss}-{dataset.Name}-{client.TargetName}-{Guid.NewGuid().ToString("N")[..6]}";
        return new string(raw.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-').ToArray());
    }
}
