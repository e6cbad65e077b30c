namespace SloQuality.Core.Retention;

/// <summary>Where item-level history is pruned, keeping everything SLO history and drift depend on.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// Deletes, of the finished runs started before <paramref name="before"/>, the item rows (except those of
    /// baseline and noise runs, and those a person labelled, which the hallucination correction reads), the
    /// run plans, and the embeddings created before it that no baseline's output needs. Run summaries,
    /// slices, SLO evaluations, baselines, labels and sign-off records stay, so the fold's figures do not change.
    /// </summary>
    Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>What a prune deleted, and which runs it pruned or kept (their report folders follow).</summary>
/// <param name="PrunedRuns">Runs started before the cutoff whose item-level history is gone.</param>
/// <param name="KeptRuns">Baseline and noise runs: kept whole, whatever their age.</param>
public sealed record PruneResult(int ItemRows, int Embeddings, int RunPlans, IReadOnlySet<string> PrunedRuns, IReadOnlySet<string> KeptRuns);
