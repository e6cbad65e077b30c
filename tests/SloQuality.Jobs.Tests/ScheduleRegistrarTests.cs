using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using SloQuality.Core.Retention;

namespace SloQuality.Jobs.Tests;

public sealed class ScheduleRegistrarTests : IDisposable
{
    private readonly string config = Directory.CreateTempSubdirectory("sloq-schedules-").FullName;
    private readonly InMemoryStorage storage = new();

    public void Dispose()
    {
        storage.Dispose();
        Directory.Delete(config, recursive: true);
    }

    [Fact]
    public void SchedulesAreDeclaredUnderReadableNamesUpdatedAndRemovedWithTheFile()
    {
        var registrar = new ScheduleRegistrar(new RecurringJobManager(storage), storage, new JobsOptions { ConfigFolder = config });
        Write("""
            evaluations:
              - datasets: [customer-support, factual-qa]
                targets: [sim-stable, sim-candidate]
                cron: "0 * * * *"
              - datasets: "*"
                targets: [sim-stable]
                cron: "30 2 * * *"
                time_zone: Europe/Berlin
            """);

        Assert.Empty(registrar.Register());
        Assert.Equal(
            ["evaluate all datasets on sim-stable", "evaluate customer-support,factual-qa on sim-candidate", "evaluate customer-support,factual-qa on sim-stable", "fold daily", "fold weekly", "sweep stalled runs"],
            Ids());
        Assert.Equal("Europe/Berlin", Job("evaluate all datasets on sim-stable").TimeZoneId);

        Write("""
            evaluations:
              - datasets: [factual-qa]
                targets: [sim-stable]
                cron: "15 * * * *"
            folds:
              daily: { cron: "0 6 * * *" }
            """);
        Assert.Empty(registrar.Register());

        Assert.Equal(["evaluate factual-qa on sim-stable", "fold daily", "fold weekly", "sweep stalled runs"], Ids());
        Assert.Equal("0 6 * * *", Job("fold daily").Cron);
    }

    [Fact]
    public void ABadCronIsReportedWithItsLineAndTheGoodSchedulesStillLand()
    {
        var registrar = new ScheduleRegistrar(new RecurringJobManager(storage), storage, new JobsOptions { ConfigFolder = config });
        Write("""
            evaluations:
              - datasets: [factual-qa]
                targets: [sim-stable]
                cron: "every hour"
              - datasets: [customer-support]
                targets: [sim-stable]
                cron: "0 * * * *"
            """);

        var problems = registrar.Register();

        var problem = Assert.Single(problems);
        Assert.StartsWith($"{Path.Combine(config, "schedules.yaml")}:2: 'evaluate factual-qa on sim-stable': cron 'every hour'", problem.ToString());
        Assert.Contains("evaluate customer-support on sim-stable", Ids());
    }

    [Fact]
    public void ARetentionPutsADailyPruneOnTheScheduleAndItsRemovalTakesItOff()
    {
        Write("""
            evaluations:
              - datasets: [factual-qa]
                targets: [sim-stable]
                cron: "0 * * * *"
            """);
        var retention = RetentionOptions.Parse("90", RetentionOptions.Variable).Options;

        Assert.Empty(new ScheduleRegistrar(new RecurringJobManager(storage), storage, new JobsOptions { ConfigFolder = config, Retention = retention }).Register());
        Assert.Contains(PruneHistoryJob.Id, Ids());
        Assert.Equal(("30 3 * * *", "UTC"), (Job(PruneHistoryJob.Id).Cron, Job(PruneHistoryJob.Id).TimeZoneId));

        Assert.Empty(new ScheduleRegistrar(new RecurringJobManager(storage), storage, new JobsOptions { ConfigFolder = config }).Register());
        Assert.DoesNotContain(PruneHistoryJob.Id, Ids());
    }

    private void Write(string yaml) => File.WriteAllText(Path.Combine(config, ScheduleCatalog.FileName), yaml);

    private List<string> Ids()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).Order(StringComparer.Ordinal).ToList();
    }

    private RecurringJobDto Job(string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Single(j => j.Id == id);
    }
}
