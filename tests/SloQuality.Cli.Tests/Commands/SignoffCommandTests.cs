using System.Text.Json.Nodes;
using System.Xml.Linq;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Tests.Commands;

public sealed class SignoffCommandTests
{
    [Fact]
    public async Task TheCandidateAgainstTheStableModelIsRejectedNamingTheRegressedMetricAndItsPValue()
    {
        using var cli = new CliRun();

        var (exit, output, err) = await cli.RunAsync("signoff", "--candidate", "sim-candidate", "--baseline", "sim-stable", "--config", CliRun.Repo("jobs"),
            "--datasets", SloQuality.Tests.Shared.SampleDatasets.CopyTo(cli.Path("samples")), "--store", cli.Path("results.db"), "--junit", cli.Path("signoff.xml"), "--markdown", cli.Path("signoff.md"), "--approver", "ann");

        Assert.True(exit == 1, output + err);
        Assert.Contains(": rejected", output, StringComparison.Ordinal);
        Assert.Matches(@"\[fail\] (no regression: \w+|slo [\w-]+ on [\w-]+): .*(p = \d|breached)", output);
        Assert.Matches(@"\[pass\] drift against the baseline's outputs on factual-qa: mean similarity 0\.\d{4} \[", output);

        // The JUnit file is JUnit XML: one test case per rule, failures where rules failed.
        var junit = XDocument.Load(cli.Path("signoff.xml"));
        var suites = junit.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        var overall = suites.Elements("testsuite").First();
        Assert.Equal(overall.Elements("testcase").Count(), (int)overall.Attribute("tests")!);
        Assert.True((int)overall.Attribute("failures")! >= 1);
        Assert.All(overall.Elements("testcase").Where(t => t.Element("failure") is not null), t => Assert.False(string.IsNullOrEmpty((string?)t.Element("failure")!.Attribute("message"))));
        Assert.Contains("**rejected**", File.ReadAllText(cli.Path("signoff.md")), StringComparison.Ordinal);

        // The record is stored with its approver, runs and dataset versions.
        await using var store = new SqliteResultStore(cli.Path("results.db"));
        await store.InitializeAsync(CancellationToken.None);
        var listed = Assert.Single(await store.ListSignoffsAsync(10, CancellationToken.None));
        Assert.Equal(("sim-candidate", "sim-stable", "rejected", "ann"), (listed.Candidate, listed.Baseline, listed.Verdict, listed.Approver));
        var record = JsonNode.Parse((await store.GetSignoffAsync(listed.SignoffId, CancellationToken.None))!)!;
        Assert.Equal(3, record["datasets"]!.AsArray().Count);
        Assert.All(record["datasets"]!.AsArray(), d => Assert.Equal(64, d!["content_hash"]!.GetValue<string>().Length));
    }

    [Fact]
    public async Task AModelAgainstItselfIsApprovedAndTheBaselinesRunsAreReused()
    {
        using var cli = new CliRun();
        var policy = cli.Write("policy.yaml", "alpha: 0.01\nslo_by: interval\nslos: [ttft-p99-7d]\nmargins: { latency: 0.5 }\n");
        string[] Args() => ["signoff", "--candidate", "sim-stable", "--baseline", "sim-stable", "--config", CliRun.Repo("jobs"), "--policy", policy,
            "--datasets", CliRun.Repo("golden-datasets", "factual-qa.jsonl"), "--store", cli.Path("results.db")];

        var first = await cli.RunAsync(Args());
        var second = await cli.RunAsync(Args());

        Assert.True(first.Exit == 0, first.Out + first.Err);
        Assert.Contains(": approved", first.Out, StringComparison.Ordinal);
        Assert.Contains("(reused)", second.Out, StringComparison.Ordinal);

        // The approved candidate's runs become the drift baselines.
        var signoffId = System.Text.RegularExpressions.Regex.Match(first.Out, @"(signoff-\S+): approved").Groups[1].Value;
        var promote = await cli.RunAsync("baseline", "promote", "--signoff", signoffId, "--config", CliRun.Repo("jobs"), "--store", cli.Path("results.db"), "--approver", "ann");
        Assert.True(promote.Exit == 0, promote.Err);
        Assert.Contains("as the baseline of factual-qa on sim-stable", promote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedSignoffCannotPromoteItsRuns()
    {
        using var cli = new CliRun();
        var policy = cli.Write("policy.yaml", "slos: [hallucination-daily]\nslo_by: point\n");
        var signoff = await cli.RunAsync("signoff", "--candidate", "sim-candidate", "--baseline", "sim-stable", "--config", CliRun.Repo("jobs"), "--policy", policy,
            "--datasets", CliRun.Repo("golden-datasets", "invoice-extraction.jsonl"), "--store", cli.Path("results.db"));
        var signoffId = System.Text.RegularExpressions.Regex.Match(signoff.Out, @"(signoff-\S+): (\S+)").Groups[1].Value;

        var promote = await cli.RunAsync("baseline", "promote", "--signoff", signoffId, "--config", CliRun.Repo("jobs"), "--store", cli.Path("results.db"));

        Assert.NotEqual(0, signoff.Exit);
        Assert.Equal(2, promote.Exit);
        Assert.Contains("not approved", promote.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APolicyGatingOnAnSloThatDoesNotExistIsBadInputWithItsLine()
    {
        using var cli = new CliRun();
        var policy = cli.Write("policy.yaml", "alpha: 0.05\nslos:\n  - ttft-p99-7d\n  - halucination-daily\n");

        var (exit, _, err) = await cli.RunAsync("signoff", "--candidate", "sim-candidate", "--baseline", "sim-stable", "--config", CliRun.Repo("jobs"), "--policy", policy, "--store", cli.Path("r.db"));

        Assert.Equal(2, exit);
        Assert.Contains($"{policy}:4: slos: 'halucination-daily' is not an SLO of slos.yaml, expected one of: hallucination-daily", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCandidateIsBadInputNamingTheTargets()
    {
        using var cli = new CliRun();

        var (exit, _, err) = await cli.RunAsync("signoff", "--candidate", "gpt-9", "--baseline", "sim-stable", "--config", CliRun.Repo("jobs"), "--store", cli.Path("r.db"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown candidate 'gpt-9', expected one of: sim-stable", err, StringComparison.Ordinal);
    }
}
