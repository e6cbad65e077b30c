namespace SloQuality.Core.Retention;

/// <summary>
/// Prunes history older than the retention: the store's item-level rows (<see cref="IRetentionStore"/>)
/// and the report folders of the runs it pruned (<c>runs/TARGET/DATASET/RUN_ID/</c>). A folder whose run
/// the store does not know goes when nothing in it was written since the cutoff; baseline runs' stay.
/// </summary>
public sealed class HistoryPruner(IRetentionStore store, TimeProvider time)
{
    public async Task<PruneSummary> PruneAsync(RetentionOptions options, string? runsFolder, CancellationToken cancellationToken)
    {
        var cutoff = options.Cutoff(time.GetUtcNow());
        var pruned = await store.PruneAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var folders = runsFolder is not null && Directory.Exists(runsFolder) ? PruneFolders(runsFolder, cutoff, pruned, cancellationToken) : 0;
        return new PruneSummary(cutoff, pruned.ItemRows, pruned.Embeddings, pruned.RunPlans, folders, pruned.PrunedRuns.Count);
    }

    private static int PruneFolders(string runsFolder, DateTimeOffset cutoff, PruneResult pruned, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var target in Directory.EnumerateDirectories(runsFolder))
        {
            foreach (var dataset in Directory.EnumerateDirectories(target))
            {
                foreach (var run in Directory.EnumerateDirectories(dataset))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var runId = Path.GetFileName(run);
                    if (pruned.KeptRuns.Contains(runId) || (!pruned.PrunedRuns.Contains(runId) && LastWrite(run) >= cutoff))
                    {
                        continue;
                    }

                    Directory.Delete(run, recursive: true);
                    deleted++;
                }
            }
        }

        return deleted;
    }

    /// <summary>The newest write of the folder or any file in it.</summary>
    private static DateTimeOffset LastWrite(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc)
            .Append(Directory.GetLastWriteTimeUtc(folder)).Max();
}

/// <summary>What a prune removed, for the log and the command line.</summary>
public sealed record PruneSummary(DateTimeOffset Cutoff, int ItemRows, int Embeddings, int RunPlans, int Folders, int Runs)
{
    public override string ToString() =>
        $"pruned history before {Cutoff:u}: {ItemRows} item rows of {Runs} runs, {Embeddings} embeddings, {RunPlans} run plans, {Folders} report folders (summaries, slices, SLO evaluations, baselines, labels and sign-offs kept)";
}
