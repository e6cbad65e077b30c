using SloQuality.Jobs;
using SloQuality.Storage;

namespace SloQuality.Server;

/// <summary>
/// A newcomer's first minute: when the result store holds no run yet, start one run of every scheduled
/// evaluation now instead of waiting for its cron, so the dashboard has something to show.
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

        var (evaluations, _, _) = ScheduleCatalog.Load(settings.ConfigFolder);
        var starter = services.GetRequiredService<RunStarter>();
        var catalog = services.GetRequiredService<DatasetCatalog>();
        foreach (var schedule in evaluations)
        {
            var names = schedule.Datasets.Contains(EvaluationSchedule.AllDatasets)
                ? catalog.LoadAll().Where(d => d.IsValid).Select(d => d.Dataset!.Name).ToList()
                : schedule.Datasets.ToList();
            foreach (var name in names)
            {
                var (runId, problems) = await starter.StartAsync(name, schedule.Target, schedule.Repeat, CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("first run of {Dataset} on {Target}: {Run}{Problems}", name, schedule.Target, runId ?? "not started", problems.Count > 0 ? ": " + string.Join("; ", problems) : string.Empty);
            }
        }
    }
}
