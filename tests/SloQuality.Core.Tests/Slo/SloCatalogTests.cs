using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

public sealed class SloCatalogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-slos-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheShippedSeedFileLoadsWithDerivedObjectives()
    {
        var (set, problems) = SloCatalog.Load(Path.Combine(SloQuality.Tests.Shared.RepositoryRoot.Path, "jobs"));

        Assert.Empty(problems);
        var hallucination = Assert.Single(set.Slos, s => s.Sli == SliKinds.HallucinationRate);
        Assert.Equal(0.98, hallucination.Objective, 12);
        var ttft = Assert.Single(set.Slos, s => s.Sli == "ttft_p99");
        Assert.Equal(0.99, ttft.Objective);
        Assert.Equal(TimeSpan.FromDays(7), ttft.Window.Period);
        Assert.Contains(set.Slos, s => s.Window.Kind == SloWindow.Weekly);
        Assert.Contains(set.Slos, s => s.Budgeting.Method == SloBudgeting.Timeslices);
    }

    [Fact]
    public void EveryMistakeIsReportedWithItsLine()
    {
        var path = Write("""
            slos:
              - name: a
                sli: latency
                op: "<"
                target: 1
                window: daily
              - name: b
                sli: correctness_rate
                op: "<"
                target: 0.9
                window: daily
              - name: c
                sli: drift_similarity
                op: ">="
                target: 0.95
                window: { rolling: 7x }
              - name: d
                sli: drift_similarity
                op: ">="
                target: 0.95
                window: weekly
            """);

        var (set, problems) = SloCatalog.LoadFile(path);
        var messages = problems.Select(p => p.ToString()).ToList();

        Assert.Empty(set.Slos);
        Assert.Contains(messages, m => m.StartsWith($"{path}:3: unknown sli 'latency', expected one of: correctness_rate,", StringComparison.Ordinal));
        Assert.Contains($"{path}:9: op '<' does not suit correctness_rate: a higher value is better, expected > or >=", messages);
        Assert.Contains($"{path}:16: window.rolling '7x' is not a duration of an hour or more such as 7d, 28d or 30d", messages);
        Assert.Contains($"{path}:17: SLO 'd': drift_similarity with occurrences needs an 'objective' (the share of good items, for example 0.95)", messages);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(folder, SloCatalog.FileName);
        File.WriteAllText(path, yaml);
        return path;
    }
}
