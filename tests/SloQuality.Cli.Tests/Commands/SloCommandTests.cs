namespace SloQuality.Cli.Tests.Commands;

public sealed class SloCommandTests : IDisposable
{
    private readonly CliRun run = new();

    public void Dispose() => run.Dispose();

    private static string Jobs => Path.Combine(CliRun.RepositoryRoot, "jobs");

    [Fact]
    public async Task ExplainPrintsTheBudgetInMinutesAndSlothsAlertTable()
    {
        var (exit, output, _) = await run.RunAsync("slo", "explain", "--target", "99.9", "--period", "30d");

        Assert.Equal(0, exit);
        Assert.Contains("error budget 0.001 of events (0.1%), 43.2 minutes", output);
        foreach (var factor in new[] { "14.4", "│ 6 ", "│ 3 ", "│ 1 " })
        {
            Assert.Contains(factor, output);
        }

        var (_, month28, _) = await run.RunAsync("slo", "explain", "--target", "99.9", "--period", "28d");
        Assert.Contains("13.44", month28);
        Assert.Contains("0.9333", month28);

        // Seven days keeps Sloth's windows with the factors of the period, and says so.
        var (_, week, _) = await run.RunAsync("slo", "explain", "--target", "99.9", "--period", "7d");
        Assert.Contains("3.36", week);
        Assert.Contains("0.2333", week);
        Assert.Contains("Windows as in the SRE workbook and Sloth for every period (1h/5m, 6h/30m, 1d/2h, 3d/6h)", week);
    }

    [Fact]
    public async Task ExportThenImportGivesBackTheSameSlos()
    {
        var exported = run.Path("openslo.yaml");
        var (exportExit, _, exportErr) = await run.RunAsync("slo", "export", "--config", Jobs, "--out", exported);
        Assert.True(exportExit == 0, exportErr);
        var text = File.ReadAllText(exported);
        Assert.Contains("apiVersion: openslo/v1", text);
        Assert.Contains("budgetingMethod: Timeslices", text);

        var imported = run.Path("slos.yaml");
        var (importExit, _, importErr) = await run.RunAsync("slo", "import", exported, "--out", imported);
        Assert.True(importExit == 0, importErr);

        var (original, _) = Core.Slo.SloCatalog.Load(Jobs);
        var (again, problems) = Core.Slo.SloCatalog.LoadFile(imported);
        Assert.Empty(problems);
        Assert.Equal(original.Slos.Select(Key), again.Slos.Select(Key));
    }

    [Fact]
    public async Task ImportingAForeignIndicatorSaysWhatIsExpected()
    {
        var file = run.Write("foreign.yaml", """
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: web-latency
            spec:
              service: web
              indicatorRef: latency-indicator
              budgetingMethod: Occurrences
              timeWindow:
                - duration: 28d
                  isRolling: true
              objectives:
                - op: lt
                  value: 300
                  target: 0.99
            """);

        var (exit, _, err) = await run.RunAsync("slo", "import", file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:7: SLO 'web-latency': spec.indicatorRef (an SLI in another document) is not supported; inline it as spec.indicator with a metricSource of type SloQuality", err);
    }

    [Fact]
    public async Task StatusWithoutDataSaysSoAndAGateOnlyFailsOnABreach()
    {
        var (exit, output, err) = await run.RunAsync("slo", "status", "--config", Jobs, "--store", run.Path("empty.db"), "--gate");

        Assert.True(exit == 0, err);
        Assert.Contains("no SLO has data yet", output);
    }

    [Fact]
    public async Task ASignoffLeavesSloStatusAsItWasBecauseACandidateIsNotInProduction()
    {
        var dataset = CliRun.Repo("golden-datasets", "factual-qa.jsonl");
        var store = run.Path("results.db");
        var evaluate = await run.RunAsync("evaluate", "--dataset", dataset, "--model", "sim-stable", "--out", run.Path("out"), "--config", Jobs, "--store", store, "--no-progress");
        Assert.True(evaluate.Exit == 0, evaluate.Err);
        var at = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        string[] status = ["slo", "status", "--config", Jobs, "--store", store, "--at", at];
        var before = await run.RunAsync(status);

        var signoff = await run.RunAsync("signoff", "--candidate", "sim-candidate", "--baseline", "sim-stable", "--config", Jobs, "--datasets", dataset, "--store", store);
        var after = await run.RunAsync(status);

        Assert.True(before.Exit == 0, before.Err);
        Assert.Contains("(reused)", signoff.Out, StringComparison.Ordinal);
        Assert.Contains("sim-stable", before.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sim-candidate", after.Out, StringComparison.Ordinal);
        Assert.Equal(WithoutCatchUp(before.Out), WithoutCatchUp(after.Out));

        // The candidate's run is in the shared history, marked as the sign-off's.
        await using var results = new Storage.Sqlite.SqliteResultStore(store);
        await results.InitializeAsync(CancellationToken.None);
        var runs = await results.GetRunsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        Assert.Equal(["cli", "signoff"], runs.Select(r => r.Run.Origin).Order(StringComparer.Ordinal));
        Assert.Equal("signoff", runs.Single(r => r.Run.ModelTarget == "sim-candidate").Run.Origin);
    }

    /// <summary>The status without the line counting windows caught up (the first fold stores them, the next has none left).</summary>
    private static string WithoutCatchUp(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.Contains("caught up", StringComparison.Ordinal)));

    private static string Key(Core.Slo.SloDefinition s) =>
        $"{s.Name}|{s.Sli}|{s.Operator}|{s.Target}|{s.Objective}|{s.Window}|{s.Budgeting.Method}|{s.Budgeting.SliceLength}|{s.Of}|{s.Criticality}";
}
