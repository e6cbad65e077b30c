using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Jobs.Telemetry;

namespace SloQuality.Jobs;

/// <summary>
/// One chunk of a run, on any worker: replays the chunk's (item, repeat) pairs not yet stored, reports
/// the chunk done (once, however often the job is retried), and if it was the last one, the single
/// caller that claims the finalisation enqueues it.
/// </summary>
public sealed class ChunkJob(IRunChunkStore chunks, IResultStore results, EvaluationRunner runner, IModelClientProvider clients, IBackgroundJobClient jobs, SloqMetrics? metrics = null)
{
    /// <summary>Requests in flight per chunk; the model client also bounds its target's concurrency.</summary>
    private const int Concurrency = 32;

    [DisplayName("chunk {1} of {2}: {0}")]
    [Queue(JobsOptions.EvaluateQueue)]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 60])] // model calls cost money: retry a little, then show the failure
    public async Task RunAsync(string runId, int chunk, int chunkCount, string target, CancellationToken cancellationToken)
    {
        var plan = await chunks.GetPlanAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} has no plan in the result store");
        var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} is not in the result store");
        var dataset = Snapshot(plan);
        var (client, _, problem) = clients.Get(target);
        if (client is null)
        {
            throw new InvalidOperationException(problem);
        }

        var work = EvaluationRunner.WorkList(dataset, run.Repeat).Skip(chunk * plan.ChunkSize).Take(plan.ChunkSize).ToList();
        var produced = await runner.ReplayAsync(run, work, client, Concurrency, null, cancellationToken).ConfigureAwait(false);
        metrics?.Replayed(target, run.DatasetName, produced);

        // End to end: the chunk counts only once every one of its items is in the store. Anything
        // missing (a write the database lost) fails the job, and its retry sends just the missing items.
        var stored = await results.GetCompletedItemsAsync(runId, cancellationToken).ConfigureAwait(false);
        var missing = work.Count(w => !stored.Contains((w.Item.Id, w.Repeat)));
        if (missing > 0)
        {
            throw new InvalidOperationException($"chunk {chunk} of {runId}: {missing} of {work.Count} items are not in the store after the flush; retrying");
        }

        var progress = await chunks.CompleteChunkAsync(runId, chunk, cancellationToken).ConfigureAwait(false);
        if (progress.AllDone && await chunks.ClaimFinalizationAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            jobs.Enqueue<FinalizeRunJob>(j => j.RunAsync(runId, target, CancellationToken.None));
        }
    }

    /// <summary>Queues one chunk of a run on the evaluate queue.</summary>
    public static void Enqueue(IBackgroundJobClient jobs, string runId, int chunk, int chunkCount, string target) =>
        jobs.Create<ChunkJob>(j => j.RunAsync(runId, chunk, chunkCount, target, CancellationToken.None), new Hangfire.States.EnqueuedState(JobsOptions.EvaluateQueue));

    /// <summary>The dataset as it was when the run was planned.</summary>
    internal static GoldenDataset Snapshot(RunPlan plan)
    {
        var loaded = GoldenDatasetLoader.Parse(plan.DatasetPath, plan.DatasetBytes);
        return loaded.Dataset ?? throw new InvalidOperationException($"run {plan.RunId}: its dataset snapshot does not parse: {string.Join("; ", loaded.Problems)}");
    }
}
