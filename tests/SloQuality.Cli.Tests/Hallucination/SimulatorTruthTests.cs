using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloQuality.Simulator;
using Xunit.Abstractions;

namespace SloQuality.Cli.Tests.Hallucination;

/// <summary>
/// The sample datasets on <c>sim-stable</c> (2% hallucinations configured), measured against what the
/// simulator says it made wrong on purpose (<c>GET /sim/answers</c>) rather than against the detector itself.
/// </summary>
public sealed class SimulatorTruthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheSampleDatasetsHallucinationIntervalCoversTheSimulatorsTrueRateAndNoFaithfulAnswerIsAmongTheMostConfident()
    {
        using var cli = new CliRun();
        var (profile, problems) = SimulatorProfileLoader.Load(CliRun.Repo("jobs", "simulator", "sim-stable.yaml"));
        Assert.True(profile is not null, string.Join("\n", problems));
        // Its answers as configured (2% hallucinations, 15% paraphrases) without its transport faults: the answer
        // to each prompt is then seeded by the prompt alone, so the run is the same every time.
        await using var simulator = await SimulatorHost.StartAsync([profile with { Errors = new SimulatorProfile.ErrorRates(), LengthRate = 0, ContentFilterRate = 0 }]);
        var config = cli.Path("config");
        cli.Write(Path.Combine("config", "targets.yaml"), $"""
            targets:
              - name: sim-stable
                provider: simulator
                endpoint: {simulator.BaseUri}
                parameters: {"{ temperature: 0, max_tokens: 512 }"}
                concurrency: 16
                retry: {"{ max_attempts: 3, base_delay_seconds: 0.05, max_delay_seconds: 1 }"}
            """ + "\n");
        File.Copy(CliRun.Repo("jobs", "slos.yaml"), Path.Combine(config, "slos.yaml"));
        cli.Write(Path.Combine("config", "hallucination.yaml"), $"model: {CliRun.Repo("jobs", "detector", "hallucination-detector.zip")}\n");

        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", SloQuality.Tests.Shared.SampleDatasets.CopyTo(cli.Path("samples")), "--model", "sim-stable", "--config", config,
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, err);

        using var http = new HttpClient();
        using var log = JsonDocument.Parse(await http.GetStringAsync(new Uri(simulator.BaseUri, "/sim/answers?model=sim-stable")));
        // The answer an item was scored on is its last one served without a fault (a retry replaces a failed attempt).
        var truth = log.RootElement.EnumerateArray()
            .Where(a => a.GetProperty("fault").GetString() == "None" && a.GetProperty("item").ValueKind == JsonValueKind.String)
            .GroupBy(a => a.GetProperty("item").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last().GetProperty("hallucinated").GetBoolean(), StringComparer.Ordinal);

        var pooledTrue = 0;
        var pooledN = 0;
        foreach (var folder in Directory.GetDirectories(cli.Path("out")))
        {
            var judged = File.ReadLines(Path.Combine(folder, "items.jsonl")).Select(l => JsonNode.Parse(l)!)
                .Where(i => i["hallucinated"] is not null).Select(i => i["id"]!.GetValue<string>()).ToList();
            var trueRate = judged.Count(id => truth[id]) / (double)judged.Count;
            var rate = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!["hallucination"]!;
            var (low, high) = (rate["low"]!.GetValue<double>(), rate["high"]!.GetValue<double>());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(folder)}: true rate {trueRate:P1} of {judged.Count}; detector {rate["rate"]!.GetValue<double>():P1} [{low:P1}, {high:P1}]"));
            Assert.True(low <= trueRate && trueRate <= high, $"{folder}: the interval [{low}, {high}] misses the simulator's true rate {trueRate}");
            pooledTrue += judged.Count(id => truth[id]);
            pooledN += judged.Count;
        }

        Assert.True(pooledN >= 90, $"only {pooledN} judged answers");
        output.WriteLine($"pooled: {pooledTrue} of {pooledN} answers hallucinated on purpose");

        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await cli.RunAsync("report", "daily", "--date", date, "--out", cli.Path("daily"), "--store", cli.Path("results.db"), "--config", config);
        Assert.True(report.Exit == 0, report.Err);
        var confident = JsonNode.Parse(File.ReadAllText(cli.Path("daily", "report.json")))!["targets"]!.AsArray()
            .SelectMany(t => t!["hallucinations"]!.AsArray()).ToList();
        output.WriteLine($"most confident hallucinations: {string.Join(", ", confident.Select(h => h!["item_id"]))}");
        Assert.All(confident, h => Assert.True(truth[h!["item_id"]!.GetValue<string>()], $"answered faithfully but listed among the most confident hallucinations: {h.ToJsonString()}"));
    }
}
