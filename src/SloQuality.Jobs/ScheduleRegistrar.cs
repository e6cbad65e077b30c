using Hangfire.Storage;
using Hangfire;
using SloQuality.Core.Datasets;
using SloQuality.Core.Notifications;
using SloQuality.Core.Production;

namespace SloQuality.Jobs;

/// <summary>
/// Declares the recurring jobs of <c>jobs/schedules.yaml</c> under readable ids ("evaluate
/// customer-support on sim-stable", "fold daily"), updates changed ones, and removes those no longer in
/// the file. Run at start-up and whenever the file changes; a bad file changes nothing and says why.
/// </summary>
public sealed class ScheduleRegistrar(IRecurringJobManager recurring, JobStorage storage, JobsOptions options)
{
    private static readonly string[] OwnedPrefixes = ["evaluate ", "fold ", ImportId, AlertWatchId, PruneHistoryJob.Id];

    public const string ImportId = "import production SLIs";
    public const string AlertWatchId = "watch SLO alerts";

    public IReadOnlyList<DatasetProblem> Register()
    {
        var (evaluations, folds, problems) = ScheduleCatalog.Load(options.ConfigFolder);
        if (problems.Count > 0)
        {
            return problems;
        }

        var path = Path.Combine(options.ConfigFolder, ScheduleCatalog.FileName);
        var found = new List<DatasetProblem>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in evaluations)
        {
            var datasets = e.Datasets.Contains(EvaluationSchedule.AllDatasets) ? EvaluationSchedule.AllDatasets : string.Join(",", e.Datasets);
            var id = $"evaluate {(datasets == EvaluationSchedule.AllDatasets ? "all datasets" : datasets)} on {e.Target}";
            if (Declare(id, e.Cron, e.TimeZone, e.Line, path, found, () =>
                    recurring.AddOrUpdate<ScheduledEvaluationJob>(id, j => j.RunAsync(datasets, e.Target, e.Repeat, CancellationToken.None), e.Cron, Options(e.TimeZone))))
            {
                wanted.Add(id);
            }
        }

        foreach (var f in folds)
        {
            var id = $"fold {f.Kind}";
            if (Declare(id, f.Cron, f.TimeZone, f.Line, path, found, () =>
                    recurring.AddOrUpdate<FoldJob>(id, j => j.RunAsync(f.Kind, CancellationToken.None), f.Cron, Options(f.TimeZone))))
            {
                wanted.Add(id);
            }
        }

        // Production SLIs from Prometheus (production.yaml) and alert notifications (notifications.yaml), when configured.
        var (production, productionProblems) = ProductionConfiguration.Load(options.ConfigFolder);
        found.AddRange(productionProblems);
        if (production.Enabled && productionProblems.Count == 0 &&
            Declare(ImportId, production.Cron, "UTC", 1, Path.Combine(options.ConfigFolder, ProductionConfiguration.FileName), found, () =>
                recurring.AddOrUpdate<ProductionImportJob>(ImportId, j => j.RunAsync(CancellationToken.None), production.Cron, Options("UTC"))))
        {
            wanted.Add(ImportId);
        }

        if (NotificationConfiguration.Load(options.ConfigFolder).Settings.Webhooks.Any(w => w.Wants(Webhook.AlertEvents)))
        {
            recurring.AddOrUpdate<AlertWatchJob>(AlertWatchId, j => j.RunAsync(CancellationToken.None), "*/5 * * * *", Options("UTC"));
            wanted.Add(AlertWatchId);
        }

        if (options.Retention is not null)
        {
            recurring.AddOrUpdate<PruneHistoryJob>(PruneHistoryJob.Id, j => j.RunAsync(CancellationToken.None), PruneHistoryJob.Cron, Options("UTC"));
            wanted.Add(PruneHistoryJob.Id);
        }

        recurring.AddOrUpdate<SweepStalledRunsJob>("sweep stalled runs", j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        using var connection = storage.GetConnection();
        foreach (var old in connection.GetRecurringJobs().Select(j => j.Id).Where(id => OwnedPrefixes.Any(id.StartsWith) && !wanted.Contains(id)))
        {
            recurring.RemoveIfExists(old);
        }

        return found;
    }

    private static bool Declare(string id, string cron, string zone, int line, string path, List<DatasetProblem> problems, Action declare)
    {
        try
        {
            declare();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add(new DatasetProblem(path, line, $"'{id}': cron '{cron}' in time zone '{zone}' is not valid ({e.Message.Split('\n')[0]})"));
            return false;
        }
    }

    private static RecurringJobOptions Options(string zone) => new() { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) };
}
