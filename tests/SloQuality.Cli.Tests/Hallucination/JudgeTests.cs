using System.Text.Json.Nodes;
using SloQuality.Core.Judge;

namespace SloQuality.Cli.Tests.Hallucination;

public sealed class JudgeTests
{
    [Fact]
    public async Task TheSimulatorAsAJudgeIsAskedOnceAndItsAgreementWithTheDetectorIsReported()
    {
        using var cli = new CliRun();
        var recorded = cli.Write("recorded.jsonl", """
            {"id": "capital-australia", "output": "Canberra is the capital of Australia."}
            {"id": "planet-count", "output": "There are 9 planets in our solar system."}
            {"id": "pi-digits", "output": "Pi starts with 3.14159."}
            """);
        string[] Args(string run) => ["evaluate", "--dataset", CliRun.Repo("golden-datasets", "factual-qa.jsonl"), "--model", "recorded:" + recorded, "--config", CliRun.Repo("jobs"),
            "--judge", "sim-judge", "--out", cli.Path(run), "--store", cli.Path("results.db"), "--no-progress"];

        var first = await cli.RunAsync(Args("first"));
        var second = await cli.RunAsync(Args("second"));

        Assert.True(first.Exit == 0, first.Err);
        Assert.True(second.Exit == 0, second.Err);
        var judge = JsonNode.Parse(File.ReadAllText(cli.Path("first", "summary.json")))!["judge"]!;
        Assert.Equal(3, judge["agreement"]!["n"]!.GetValue<int>());
        Assert.Equal(0, judge["cached"]!.GetValue<int>());
        Assert.InRange(judge["both_flagged"]!.GetValue<int>() + judge["judge_only"]!.GetValue<int>(), 1, 3);   // at least "9 planets": the evidence says 8
        Assert.Equal(3, JsonNode.Parse(File.ReadAllText(cli.Path("second", "summary.json")))!["judge"]!["cached"]!.GetValue<int>());
        Assert.Contains("sim-judge", File.ReadAllText(cli.Path("first", "report.html")), StringComparison.Ordinal);
        Assert.Contains("judge sim-judge: ", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KappaIsAgreementBeyondChance()
    {
        var pairs = new[] { (true, true), (true, true), (false, false), (false, false), (true, false), (false, true) }
            .Select(p => (p.Item1, new JudgeVerdict(p.Item2, [], false))).ToList();

        var agreement = JudgeAgreement.Of("j", pairs);

        Assert.Equal(4, agreement.Agreement.Successes);
        Assert.Equal(1 / 3.0, agreement.Kappa!.Value, 3);   // observed 2/3, chance 1/2
    }
}
