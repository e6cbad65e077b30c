using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using SloQuality.Core.Retention;

namespace SloQuality.Jobs;

/// <summary>
/// Daily, when <c>SLOQ_RETENTION_DAYS</c> is set: prunes item rows, unused embeddings, run plans and
/// report folders older than the retention (<see cref="HistoryPruner"/>); SLO history stays exact.
/// </summary>
public sealed class PruneHistoryJob(IRetentionStore store, JobsOptions options, TimeProvider time, ILogger<PruneHistoryJob> log)
{
    /// <summary>The recurring job's id and its time: 03:30 UTC, away from the hourly runs' start.</summary>
    public const string Id = "prune history";
    public const string Cron = "30 3 * * *";

    [DisplayName("prune history")]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Retention is not { } retention)
        {
            return;
        }

        var summary = await new HistoryPruner(store, time).PruneAsync(retention, Path.Combine(options.OutputFolder, "runs"), cancellationToken).ConfigureAwait(false);
        log.LogInformation("{Summary}", summary.ToString());
    }
}
