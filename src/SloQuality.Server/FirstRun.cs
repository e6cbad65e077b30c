using SloQuality.Core.Evaluation;
using SloQuality.Jobs;
using SloQuality.Storage;

namespace SloQuality.Server;

/// <summary>
/// A newcomer's first minute: when the result store holds no run yet, start one run of every scheduled
/// evaluation now instead of waiting for its cron, so the dashboard has something to show; and the same
/// for a dataset that appears while the service runs (see <see cref="NewDatasetWatcher"/>).
/// </summary>
public static class FirstRun
{
    public static async Task StartIfEmptyAsync(IServiceProvider services, ServerSettings settings, ILogger logger)
    {
        var store = services.GetRequiredService<SqlResultStore>();
        if (!settings.FirstRun || (await store.GetRunsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        await StartAsync(services, settings, logger, only: null).ConfigureAwait(false);
    }

    /// <summary>Starts a run of every scheduled evaluation of the datasets named (all when null).</summary>
    public static async Task StartAsync(IServiceProvider services, ServerSettings settings, ILogger logger, IReadOnlySet<string>? only)
    {
        var (evaluations, _, _) = ScheduleCatalog.Load(settings.ConfigFolder);
        var starter = services.GetRequiredService<RunStarter>();
        var catalog = services.GetRequiredService<DatasetCatalog>();
        foreach (var schedule in evaluations)
        {
            var names = schedule.Datasets.Contains(EvaluationSchedule.AllDatasets)
                ? catalog.LoadAll().Where(d => d.IsValid).Select(d => d.Dataset!.Name).ToList()
                : schedule.Datasets.ToList();
            foreach (var name in names.Where(n => only is null || only.Contains(n)))
            {
                // The starter logs the problems of a run it could not start.
                var (runId, _) = await starter.StartAsync(name, schedule.Target, schedule.Repeat, RunOrigins.Schedule, CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("first run of {Dataset} on {Target}: {Run}", name, schedule.Target, runId ?? "not started");
            }
        }
    }
}
