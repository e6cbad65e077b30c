using System.Text.Json;
using SloQuality.Tests.Shared;
using Xunit.Abstractions;

namespace SloQuality.Server.Tests;

/// <summary>A judge named in <c>hallucination.yaml</c> checks every run the service finalises.</summary>
public sealed class JudgedRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ARunTheServiceFinalisesCarriesTheJudgesAgreementInItsSummaryAndReport()
    {
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions { Items = 60, Workers = 1, Judged = true });

        var runId = await cluster.StartRunAsync();
        var run = await cluster.WaitForCompletionAsync(runId, TimeSpan.FromMinutes(2));

        Assert.Equal("completed", run.GetProperty("run").GetProperty("status").GetString());
        var folder = Path.Combine(cluster.Folder, "out", "runs", "remote", "big", runId);
        // Reports are written before the run is marked completed: whoever sees it completed finds them.
        var report = Path.Combine(folder, "report.html");
        Assert.Contains("</html>", await File.ReadAllTextAsync(report));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var judge = summary.RootElement.GetProperty("judge");
        output.WriteLine(judge.ToString());
        Assert.Equal("remote-judge", judge.GetProperty("judge_target").GetString());
        Assert.Equal(60, judge.GetProperty("agreement").GetProperty("n").GetInt32());
        Assert.Equal(0, judge.GetProperty("unjudged").GetInt32());
        Assert.Contains("Judge (remote-judge) agrees with the detector", await File.ReadAllTextAsync(report));
    }
}
