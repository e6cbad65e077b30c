using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Judge;
using SloQuality.Core.Replay;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Evaluation;

/// <summary>
/// Runs one dataset against one model target: replays every (item, repeat) not yet stored with bounded
/// concurrency, scores each answer as it arrives, hands it to the store's writer, and summarises the
/// run; a resumed run is summarised from the store, so every item counts exactly once. With a judge,
/// the summary also says how often a second opinion agrees with the hallucination verdicts; with an
/// audit, it holds the detector's self-check on the dataset and the rate corrected by human labels.
/// </summary>
public sealed class EvaluationRunner(IResultStore store, ItemScorer scorer, TimeProvider time, DriftStage? drift = null, ISloSliceStore? slices = null, IRunJudge? judge = null, Hallucination.HallucinationAudit? audit = null)
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
        var asked = new RunRecord(runId, dataset.Name, dataset.ContentHash, client.TargetName, planned, options.Repeat, time.GetUtcNow(), Origin: options.Origin);
        await store.CreateRunAsync(asked, cancellationToken).ConfigureAwait(false);
        var run = (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false))!;
        if (RunIdentity.Mismatch(run, asked) is { } mismatch)
        {
            throw new RunConflictException(mismatch);
        }

        // Stores that can say who is evaluating a run keep a second process on the same id from calling
        // the model for every item again.
        await using var lease = store is IRunLeaseStore leases ? await RunLease.TakeAsync(leases, runId, time, cancellationToken).ConfigureAwait(false) : null;
        using var span = RunTracing.StartRunSpan($"evaluate {dataset.Name}", run, planned);
        var done = await store.GetCompletedItemsAsync(runId, cancellationToken).ConfigureAwait(false);
        var produced = await ReplayAsync(run, WorkList(dataset, options.Repeat), client, options.Concurrency, progress, cancellationToken).ConfigureAwait(false);

        // A fresh run is summarised from what it just produced; a resumed one from the store, which
        // holds the earlier attempt's items too (each once: the first stored result wins).
        return await FinishAsync(run, dataset, model, done.Count == 0 ? produced : null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every (item, repeat) of a run in a fixed order: chunks of a run are slices of this list.</summary>
    public static IReadOnlyList<(GoldenItem Item, int Repeat)> WorkList(GoldenDataset dataset, int repeat) =>
        Enumerable.Range(0, repeat).SelectMany(r => dataset.Items.Select(item => (item, r))).ToList();

    /// <summary>
    /// Replays the (item, repeat) pairs not yet stored for the run with bounded concurrency, scoring
    /// each answer as it arrives and handing it to the store's writer; returns what this call produced.
    /// </summary>
    public async Task<IReadOnlyList<ItemResult>> ReplayAsync(
        RunRecord run,
        IReadOnlyList<(GoldenItem Item, int Repeat)> work,
        IModelClient client,
        int concurrency,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var done = await store.GetCompletedItemsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var todo = work.Where(w => !done.Contains((w.Item.Id, w.Repeat))).ToList();
        // Each model call's span (opened by the client) is a child of this one.
        using var span = RunTracing.StartRunSpan($"replay {run.DatasetName}", run, todo.Count);
        var completed = work.Count - todo.Count;
        progress?.Report(completed);
        var produced = new ItemResult[todo.Count];
        var index = -1;
        await Parallel.ForEachAsync(
            todo,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (w, ct) =>
            {
                var replay = await client.ReplayAsync(w.Item, ct).ConfigureAwait(false);
                var result = await scorer.ScoreAsync(run.RunId, w.Item, w.Repeat, replay, time.GetUtcNow(), ct).ConfigureAwait(false);
                await store.WriteItemAsync(result, ct).ConfigureAwait(false);
                produced[Interlocked.Increment(ref index)] = result;
                progress?.Report(Interlocked.Increment(ref completed));
            }).ConfigureAwait(false);

        await store.FlushAsync(cancellationToken).ConfigureAwait(false);
        return produced;
    }

    /// <summary>
    /// Summarises a run whose items are all stored: drift against the baseline, the SLO slices, the
    /// summary, and the run marked completed. Running it again gives the same result.
    /// </summary>
    /// <param name="results">The run's results if the caller holds them all; null reads them from the store.</param>
    /// <param name="publish">
    /// Writes the run's reports before the run is marked completed, so whoever sees it completed finds
    /// them; a retry after a failure here writes them again.
    /// </param>
    public async Task<RunOutcome> FinishAsync(
        RunRecord run,
        GoldenDataset dataset,
        RunSummary.ModelInfo model,
        IReadOnlyList<ItemResult>? results,
        Func<RunOutcome, Task>? publish,
        CancellationToken cancellationToken)
    {
        using var span = RunTracing.StartRunSpan($"summarise {run.DatasetName}", run);
        results ??= await store.GetItemResultsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var driftOutcome = drift is null ? null : await drift.AssessAsync(run, results, cancellationToken).ConfigureAwait(false);
        results = driftOutcome?.Items ?? results;
        if (slices is not null)
        {
            // The SLO fold reads these five-minute aggregates, never the raw items again.
            await slices.WriteSlicesAsync(run.RunId, SliceAggregator.Aggregate(run, results, dataset), cancellationToken).ConfigureAwait(false);
        }

        var finishedAt = time.GetUtcNow();
        var summary = RunSummaryBuilder.Build(run, dataset, model, results, finishedAt) with
        {
            Drift = driftOutcome?.Assessment,
            Judge = judge is null ? null : await judge.JudgeAsync(dataset, results, cancellationToken).ConfigureAwait(false),
        };
        if (audit is not null)
        {
            summary = summary with { Hallucination = await audit.AuditAsync(dataset, results, summary.Hallucination.Detector, cancellationToken).ConfigureAwait(false) };
        }

        var outcome = new RunOutcome(summary, results, driftOutcome?.BaselineOutputs ?? new Dictionary<string, string>());
        if (publish is not null)
        {
            await publish(outcome).ConfigureAwait(false);
        }

        await store.CompleteRunAsync(run.RunId, finishedAt, Reports.SummaryJson.Serialize(summary), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Sortable by time, readable, and unique: <c>20261129T0712-support-faq-sim-stable-3f9a1c</c>.</summary>
    private string NewRunId(GoldenDataset dataset, IModelClient client) => NewRunId(dataset.Name, client.TargetName, time.GetUtcNow());

    public static string NewRunId(string dataset, string target, DateTimeOffset now)
    {
        var raw = $"{now:yyyyMMdd'T'HHmmss}-{dataset}-{target}-{Guid.NewGuid().ToString("N")[..6]}";
        return new string(raw.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-').ToArray());
    }
}
