using Hangfire;
using SloQuality.Core.Evaluation;

namespace SloQuality.Jobs;

/// <summary>
/// With Hangfire's in-memory storage (the embedded default) a killed process loses its queued chunk
/// jobs, while the result store keeps each run's plan and its finished chunks. At start-up every run
/// still running is planned again from the store: its missing chunks are queued (a chunk replays only
/// the items not yet stored), or, when all are done, its finalisation. Nothing is lost or counted twice.
/// </summary>
public sealed class InterruptedRuns(IRunChunkStore chunks, IResultStore results, IBackgroundJobClient jobs)
{
    /// <summary>Queues what each interrupted run still needs; returns one line per resumed run.</summary>
    public async Task<IReadOnlyList<string>> ResumeAsync(CancellationToken cancellationToken)
    {
        var resumed = new List<string>();
        foreach (var runId in await chunks.PlannedRunningRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            var plan = await chunks.GetPlanAsync(runId, cancellationToken).ConfigureAwait(false);
            if (run is null || plan is null)
            {
                continue;
            }

            var done = await chunks.GetCompletedChunksAsync(runId, cancellationToken).ConfigureAwait(false);
            var missing = Enumerable.Range(0, plan.Chunks).Where(c => !done.Contains(c)).ToList();
            foreach (var chunk in missing)
            {
                ChunkJob.Enqueue(jobs, runId, chunk, plan.Chunks, run.ModelTarget);
            }

            if (missing.Count == 0)
            {
                // Its finalisation was claimed by the process that died: claim it again for this one.
                await chunks.ReleaseFinalizationAsync(runId, cancellationToken).ConfigureAwait(false);
                if (await chunks.ClaimFinalizationAsync(runId, cancellationToken).ConfigureAwait(false))
                {
                    jobs.Enqueue<FinalizeRunJob>(j => j.RunAsync(runId, run.ModelTarget, CancellationToken.None));
                }
            }

            resumed.Add(missing.Count > 0
                ? $"resumed run {runId}: {missing.Count} of {plan.Chunks} chunks queued again"
                : $"resumed run {runId}: all chunks were done, its finalisation queued again");
        }

        return resumed;
    }
}
