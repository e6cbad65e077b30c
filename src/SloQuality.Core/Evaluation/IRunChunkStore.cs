namespace SloQuality.Core.Evaluation;

/// <summary>
/// The fan-in of a run split into chunk jobs, kept in the result store because Hangfire Core has no
/// batches: each chunk counts once however often its job is retried, and exactly one caller claims the
/// run's finalisation.
/// </summary>
public interface IRunChunkStore
{
    /// <summary>Records the plan; planning the same run again keeps the first plan.</summary>
    Task PlanAsync(RunPlan plan, CancellationToken cancellationToken);

    Task<RunPlan?> GetPlanAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Marks the chunk done (a second report of it changes nothing) and returns the progress after it.</summary>
    Task<ChunkProgress> CompleteChunkAsync(string runId, int chunk, CancellationToken cancellationToken);

    Task<ChunkProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken);

    /// <summary>True for exactly one caller per run: the one that enqueues its finalisation.</summary>
    Task<bool> ClaimFinalizationAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs whose chunks are all done but whose finalisation was claimed before <paramref name="claimedBefore"/>
    /// (or never) and that are still running: a process died between claiming and finishing.
    /// </summary>
    Task<IReadOnlyList<string>> StalledRunsAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken);

    /// <summary>The chunks of the run already done.</summary>
    Task<IReadOnlySet<int>> GetCompletedChunksAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs that have a plan (they were fanned out into chunk jobs) and are still running.</summary>
    Task<IReadOnlyList<string>> PlannedRunningRunsAsync(CancellationToken cancellationToken);

    /// <summary>Releases a stalled claim so the sweeper can enqueue the finalisation again.</summary>
    Task ReleaseFinalizationAsync(string runId, CancellationToken cancellationToken);
}
