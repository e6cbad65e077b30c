using System.Text.Json.Nodes;
using System.Text.Json;

namespace SloQuality.Cli.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string[] ItemFields =
        ["id", "output", "correct", "correctness_score", "hallucinated", "hallucination_score", "drift_similarity", "ttft_ms", "total_ms", "output_tokens", "error"];

    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private static string Repo(params string[] parts) => Path.Combine([CliRun.RepositoryRoot, .. parts]);

    private static List<JsonObject> ReadItems(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "items.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static JsonObject ReadSummary(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!.AsObject();

    [Fact]
    public async Task EvaluatingAgainstTheSimulatorWritesEveryFileOfTheContract()
    {
        var (exit, stdout, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets", "factual-qa.jsonl"), "--model", "sim-stable",
            "--out", cli.Path("out"), "--config", Repo("jobs"), "--store", cli.Path("results.db"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("Correctness", stdout);
        foreach (var file in new[] { "summary.json", "items.jsonl", "report.md", "report.html" })
        {
            Assert.True(File.Exists(cli.Path("out", file)), file);
        }

        var items = ReadItems(cli.Path("out"));
        Assert.Equal(35, items.Count);
        Assert.All(items, item => Assert.All(ItemFields, field => Assert.True(item.ContainsKey(field), $"{item["id"]} lacks {field}")));
        var answered = items.Where(i => i["error"] is null).ToList();
        Assert.All(answered, i => Assert.True(i["ttft_ms"]!.GetValue<double>() > 0));
        Assert.All(answered, i => Assert.True(i["output_tokens"]!.GetValue<int>() > 0));

        var summary = ReadSummary(cli.Path("out"));
        Assert.False(string.IsNullOrEmpty(summary["run_id"]!.GetValue<string>()));
        Assert.Equal(answered.Count, summary["correctness"]!["n"]!.GetValue<int>());
        Assert.Equal(answered.Count(i => i["correct"]!.GetValue<bool>()), summary["correctness"]!["successes"]!.GetValue<int>());
        Assert.True(summary["correctness"]!["low"]!.GetValue<double>() <= summary["correctness"]!["rate"]!.GetValue<double>());
        Assert.NotNull(summary["latency"]!["ttft_p99"]!["value"]);
    }

    [Fact]
    public async Task EvaluatingRecordedOutputsCallsNoModel()
    {
        var recorded = cli.Write("recorded.jsonl", """
            {"id": "capital-australia", "output": "Canberra is the capital of Australia.", "ttft_ms": 210, "total_ms": 480, "output_tokens": 7}
            {"id": "planet-count", "output": "There are 9 planets in our solar system.", "ttft_ms": 190, "total_ms": 400, "output_tokens": 9}
            {"id": "world-cup-2042", "output": "Brazil won the 2042 FIFA World Cup.", "ttft_ms": 150, "total_ms": 300, "output_tokens": 8}
            {"id": "moon-landing-year", "error": "timeout: no answer within the request timeout"}
            """);

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets", "factual-qa.jsonl"), "--model", "recorded:" + recorded,
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.True(exit == 0, stderr);
        var items = ReadItems(cli.Path("out")).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.Equal(35, items.Count);
        Assert.True(items["capital-australia"]["correct"]!.GetValue<bool>());
        Assert.Equal(210, items["capital-australia"]["ttft_ms"]!.GetValue<double>());
        Assert.False(items["planet-count"]["correct"]!.GetValue<bool>());
        Assert.True(items["planet-count"]["hallucinated"]!.GetValue<bool>());
        Assert.True(items["world-cup-2042"]["hallucinated"]!.GetValue<bool>());
        Assert.StartsWith("timeout", items["moon-landing-year"]["error"]!.GetValue<string>());
        Assert.StartsWith("not_recorded", items["pi-digits"]["error"]!.GetValue<string>());

        var summary = ReadSummary(cli.Path("out"));
        Assert.Equal(3, summary["correctness"]!["n"]!.GetValue<int>());
        Assert.Equal(1, summary["correctness"]!["successes"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnInjectedFaultMixEndsInACompleteRunWithFailuresCountedInAvailabilityOnly()
    {
        var dataset = cli.Write("data/mix.jsonl", string.Join("\n", Enumerable.Range(0, 300).Select(i =>
            $$"""{"id": "q{{i}}", "input": "Question number {{i}}: what is {{i}} plus one?", "reference": "{{i}} plus one is {{i + 1}}."}""")) + "\n");
        cli.Write("jobs/targets.yaml", """
            targets:
              - name: sim-faulty
                provider: simulator
                profile: faulty.yaml
                concurrency: 32
                timeout_seconds: 0.5
                retry: { max_attempts: 1 }
            """);
        cli.Write("jobs/faulty.yaml", """
            model: sim-faulty
            seed: 5
            latency: { ttft_ms: { median: 2, p99: 2 }, inter_token_ms: { median: 1, p99: 1 } }
            errors: { http_500: 0.04, http_503: 0.04, http_429: 0.04, hang: 0.02, hang_seconds: 30, connection_reset: 0.03, stream_cut: 0.03 }
            answers: { hallucination: 0.1, paraphrase: 0.2 }
            """);

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", dataset, "--model", "sim-faulty", "--config", cli.Path("jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.True(exit == 0, stderr);
        var items = ReadItems(cli.Path("out"));
        Assert.Equal(300, items.Select(i => i["id"]!.GetValue<string>()).Distinct().Count());
        var failed = items.Where(i => i["error"] is not null).ToList();
        Assert.InRange(failed.Count, 30, 90); // 20% of 300 is 60; Binomial sd ≈ 7
        Assert.All(failed, i => Assert.Null(i["correct"]));
        var kinds = failed.Select(i => i["error"]!.GetValue<string>().Split(' ', ':')[0]).Distinct().Order().ToList();
        Assert.Equal(["connection_reset", "http_error", "rate_limited", "stream_cut", "timeout"], kinds);

        var summary = ReadSummary(cli.Path("out"));
        Assert.Equal(300, summary["items"]!["completed"]!.GetValue<int>());
        Assert.Equal(300, summary["availability"]!["n"]!.GetValue<int>());
        Assert.Equal(300 - failed.Count, summary["availability"]!["successes"]!.GetValue<int>());
        Assert.Equal(300 - failed.Count, summary["correctness"]!["n"]!.GetValue<int>());
        Assert.Equal(300 - failed.Count, summary["hallucination"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABadDatasetIsSkippedAndTheOthersStillRun()
    {
        cli.Write("data/good.jsonl", """{"id": "a", "input": "What is the capital of Australia?", "reference": "Canberra"}""" + "\n");
        var bad = cli.Write("data/bad.jsonl", "{\"id\": \"a\""); // cut off mid-write: no closing brace, no newline
        var recorded = cli.Write("recorded.jsonl", """{"id": "a", "output": "Canberra"}""" + "\n");

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", cli.Path("data"), "--model", "recorded:" + recorded,
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.Equal(2, exit);
        Assert.Contains($"{bad}:1: truncated last line", stderr);
        Assert.True(File.Exists(cli.Path("out", "good", "summary.json")));
        Assert.False(Directory.Exists(cli.Path("out", "bad")));
    }

    [Fact]
    public async Task ADatasetNamedDotDotWritesItsReportsInsideOutNotBesideIt()
    {
        cli.Write("data/...jsonl", """{"id": "a", "input": "What is the capital of Australia?", "reference": "Canberra"}""" + "\n");
        var recorded = cli.Write("recorded.jsonl", """{"id": "a", "output": "Canberra"}""" + "\n");

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", cli.Path("data"), "--model", "recorded:" + recorded,
            "--out", cli.Path("nest", "out"), "--store", cli.Path("results.db"), "--no-progress");

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(cli.Path("nest", "out", "__", "summary.json")));
        Assert.False(File.Exists(cli.Path("nest", "summary.json")), "the reports landed in the parent of --out");
    }

    [Fact]
    public async Task EscapeSequencesInAFileNameAreShownNotObeyed()
    {
        var name = "evil\u001b]0;pwned\u0007\u001b[2J.jsonl";
        cli.Write(Path.Combine("data", name), "{\"id\": \"a\"}\n");

        var (_, stdout, stderr) = await cli.RunAsync("datasets", "validate", cli.Path("data"));

        Assert.DoesNotContain('\u001b', stdout + stderr);
        Assert.DoesNotContain('\u0007', stdout + stderr);
        Assert.Contains("evil␛]0;pwned^G␛[2J.jsonl", stderr);
    }

    [Fact]
    public async Task AnUnknownModelTargetIsBadInputNamingTheKnownOnes()
    {
        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets"), "--model", "gpt-7", "--config", Repo("jobs"), "--out", cli.Path("out"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown model target 'gpt-7', expected one of: sim-stable, sim-candidate, sim-judge, gpt-4o-mini", stderr);
    }

    [Fact]
    public async Task AMisspeltModelTargetGetsASuggestion()
    {
        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets", "factual-qa.jsonl"), "--model", "sim-stabel", "--config", Repo("jobs"), "--out", cli.Path("out"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown model target 'sim-stabel' (did you mean 'sim-stable'?), expected one of:", stderr);
    }

    [Fact]
    public async Task AMisspeltDatasetPathGetsASuggestion()
    {
        var samples = SloQuality.Tests.Shared.SampleDatasets.CopyTo(cli.Path("samples"));
        var misspelt = Path.Combine(samples, "factal-qa.jsonl");

        var (exit, _, stderr) = await cli.RunAsync("evaluate", "--dataset", misspelt, "--model", "sim-stable", "--config", Repo("jobs"), "--out", cli.Path("out"));

        Assert.Equal(2, exit);
        Assert.Contains($"{misspelt}:0: no such dataset file or folder (did you mean '{Path.Combine(samples, "factual-qa.jsonl")}'?)", stderr);
    }

    [Fact]
    public async Task AMissingApiKeyIsReportedWithoutRunning()
    {
        cli.Write("jobs/targets.yaml", """
            targets:
              - name: remote
                provider: openai
                endpoint: http://127.0.0.1:9/v1
                model: m
                api_key_env: SLOQ_TEST_KEY_THAT_IS_NOT_SET
            """);

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets", "factual-qa.jsonl"), "--model", "remote", "--config", cli.Path("jobs"), "--out", cli.Path("out"));

        Assert.Equal(2, exit);
        Assert.Contains("the environment variable SLOQ_TEST_KEY_THAT_IS_NOT_SET (api_key_env) is not set", stderr);
    }

    [Fact]
    public async Task AResultStoreThatCannotBeOpenedIsAnInfrastructureFailure()
    {
        var blocker = cli.Write("blocker", "a file where the store's folder should be");
        var recorded = cli.Write("recorded.jsonl", """{"id": "capital-australia", "output": "Canberra"}""" + "\n");

        var (exit, _, stderr) = await cli.RunAsync(
            "evaluate", "--dataset", Repo("golden-datasets", "factual-qa.jsonl"), "--model", "recorded:" + recorded,
            "--out", cli.Path("out"), "--store", Path.Combine(blocker, "results.db"), "--no-progress");

        Assert.Equal(3, exit);
        Assert.StartsWith("sloq: infrastructure failure:", stderr);
    }
}
