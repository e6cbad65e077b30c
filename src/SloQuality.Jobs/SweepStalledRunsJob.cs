using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Evaluation;

namespace SloQuality.Jobs;

/// <summary>
/// Recurring safety net of the fan-in: a run whose chunks are all done but which is still running after
/// its finalisation claim went stale (the claiming process died before enqueueing) gets it enqueued again.
/// </summary>
public sealed class SweepStalledRunsJob(IRunChunkStore chunks, IResultStore results, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>How long a claimed finalisation may take before it is presumed lost.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    [DisplayName("finalise stalled runs")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var runId in await chunks.StalledRunsAsync(time.GetUtcNow() - StaleAfter, cancellationToken).ConfigureAwait(false))
        {
            var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            await chunks.ReleaseFinalizationAsync(runId, cancellationToken).ConfigureAwait(false);
            if (run is not null && await chunks.ClaimFinalizationAsync(runId, cancellationToken).ConfigureAwait(false))
            {
                jobs.Enqueue<FinalizeRunJob>(j => j.RunAsync(runId, run.ModelTarget, CancellationToken.None));
            }
        }
    }
}
