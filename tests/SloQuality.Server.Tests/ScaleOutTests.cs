using SloQuality.Tests.Shared;
using Xunit.Abstractions;

namespace SloQuality.Server.Tests;

/// <summary>One server and three workers on one PostgreSQL: the acceptance runs of the service issue.</summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ARunOf2000ItemsIsStoredOnceWithWorkOnEveryWorker()
    {
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions());

        var runId = await cluster.StartRunAsync();
        var run = await cluster.WaitForCompletionAsync(runId, TimeSpan.FromMinutes(4));
        var processors = await cluster.ChunkProcessorsAsync();

        output.WriteLine($"chunk jobs ran in processes {string.Join(", ", processors)}; workers {string.Join(", ", cluster.Workers.Select(w => w.Id))}");
        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(2000, run.GetProperty("items_stored").GetInt32());
        Assert.Equal(40, run.GetProperty("chunks").GetProperty("done").GetInt32());
        Assert.All(cluster.Workers, w => Assert.Contains(w.Id, processors));
    }

    [Fact]
    public async Task AWorkerKilledMidRunLosesNothingAndDoublesNothing()
    {
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions());
        var runId = await cluster.StartRunAsync();
        while ((await cluster.RunAsync(runId)).GetProperty("items_stored").GetInt32() < 300)
        {
            await Task.Delay(100);
        }

        var victim = cluster.Workers[0];
        victim.Kill();
        var killedAt = DateTime.UtcNow;
        var run = await cluster.WaitForCompletionAsync(runId, TimeSpan.FromMinutes(4));
        var took = DateTime.UtcNow - killedAt;

        output.WriteLine($"killed worker {victim.Id}; the run completed {took.TotalSeconds:0} s later (invisibility timeout 30 s)");
        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(2000, run.GetProperty("items_stored").GetInt32());
        Assert.True(took < TimeSpan.FromSeconds(30 + 30 + 30), $"the dead worker's chunk waited {took}");
    }

    [Fact]
    public async Task ARunSurvivesAPostgresRestartInTheMiddle()
    {
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions { Workers = 2 });
        var runId = await cluster.StartRunAsync();
        while ((await cluster.RunAsync(runId)).GetProperty("items_stored").GetInt32() < 300)
        {
            await Task.Delay(100);
        }

        cluster.Postgres.Restart();
        var run = await cluster.WaitForCompletionAsync(runId, TimeSpan.FromMinutes(4));

        output.WriteLine($"PostgreSQL restarted mid-run; items stored: {run.GetProperty("items_stored").GetInt32()}");
        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(2000, run.GetProperty("items_stored").GetInt32());
    }

    [Fact]
    public async Task TwentyPercentInjectedFaultsCountAgainstAvailabilityNotQuality()
    {
        var faults = new SloQuality.Simulator.SimulatorProfile.ErrorRates
        {
            Http500 = 0.04, Http503 = 0.04, Http429 = 0.04, RetryAfterSeconds = 1, ConnectionReset = 0.04, Hang = 0.04, HangSeconds = 60,
        };
        var options = new ServiceClusterOptions { Workers = 2, TimeoutSeconds = 2 };
        await using var cluster = await ServiceCluster.StartAsync(options with { Profile = options.Profile with { Errors = faults } });

        var runId = await cluster.StartRunAsync();
        var run = await cluster.WaitForCompletionAsync(runId, TimeSpan.FromMinutes(5));
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(cluster.Folder, "out", "runs", "remote", "big", runId, "summary.json"))).RootElement;
        var availability = summary.GetProperty("availability");
        var correctness = summary.GetProperty("correctness");
        var failed = summary.GetProperty("items").GetProperty("failed").GetInt32();

        output.WriteLine($"availability {availability.GetProperty("rate").GetDouble():P2} of {availability.GetProperty("n").GetInt32()}; correctness {correctness.GetProperty("rate").GetDouble():P2} of {correctness.GetProperty("n").GetInt32()}; failed after retries {failed}");
        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(2000, run.GetProperty("items_stored").GetInt32());
        Assert.Equal(2000, availability.GetProperty("n").GetInt32());
        Assert.True(failed > 0, "the faults never outlasted the retries");
        Assert.True(availability.GetProperty("rate").GetDouble() < 1);
        Assert.Equal(2000 - failed, correctness.GetProperty("n").GetInt32());
        Assert.True(correctness.GetProperty("rate").GetDouble() > 0.9, "failed calls were counted as wrong answers");
    }
}
