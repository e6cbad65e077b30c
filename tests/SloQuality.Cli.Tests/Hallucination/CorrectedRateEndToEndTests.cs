using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SloQuality.Cli.Tests.Hallucination;

/// <summary>
/// The corrected hallucination rate as a user gets it: a run of recorded outputs whose truth the test
/// knows, a review sheet from <c>sloq hitl sample</c> labelled by that truth, <c>sloq hitl import</c>,
/// then a new run of the same dataset with new outputs, whose summary must hold a corrected rate that
/// finds the truth where the detector's own rate does not.
/// </summary>
public sealed class CorrectedRateEndToEndTests(ITestOutputHelper output)
{
    private const int Items = 300;

    /// <summary>
    /// Grounded product items. An output is faithful (the context's sentence), faithful with a remark the
    /// reviewers accept but the detector flags as unsupported ("a favourite with our customers"), or
    /// hallucinated (a changed number). The truth is what the reviewers say.
    /// </summary>
    private static (string Dataset, List<(string Id, string Output, bool Truth)> Outputs) Build(int seed, Func<int, Random, (string Kind, bool Truth)> choose)
    {
        var random = new Random(seed);
        var products = new[] { "kettle", "blender", "toaster", "heater", "lamp", "fan", "speaker", "router", "drill", "scale" };
        var remarks = seed % 2 == 0
            ? new[] { "It is a favourite with our customers.", "Many people buy it as a gift.", "It comes in a choice of colours." }
            : new[] { "Reviewers love its design.", "It is one of our best sellers.", "It is popular in winter." };
        var lines = new List<string>();
        var outputs = new List<(string, string, bool)>();
        for (var i = 0; i < Items; i++)
        {
            var product = $"Model {(char)('A' + (i % 26))}{i / 26} {products[i % products.Length]}";
            var (weight, warranty, power) = (1 + (i % 9), 2 + (i % 4), 400 + (10 * i));
            var context = $"The {product} weighs {weight} kilograms. Its warranty lasts {warranty} years. It uses {power} watts.";
            lines.Add(JsonSerializer.Serialize(new { id = $"p{i:000}", input = $"How much does the {product} weigh?", context }));
            var faithful = $"The {product} weighs {weight} kilograms.";
            var (kind, truth) = choose(i, random);
            outputs.Add(($"p{i:000}", kind switch
            {
                "remark" => $"{faithful} {remarks[random.Next(remarks.Length)]}",
                "wrong" => $"The {product} weighs {weight + 1 + random.Next(5)} kilograms.",
                _ => random.Next(2) == 0 ? faithful : $"Sure! {faithful}",
            }, truth));
        }

        return (string.Join('\n', lines) + "\n", outputs);
    }

    private static async Task<JsonNode> EvaluateAsync(CliRun cli, string dataset, List<(string Id, string Output, bool Truth)> outputs, string name)
    {
        var recorded = cli.Write(name + ".jsonl", string.Join('\n', outputs.Select(o => JsonSerializer.Serialize(new { id = o.Id, output = o.Output }))) + "\n");
        var (exit, _, err) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", "recorded:" + recorded, "--config", CliRun.Repo("jobs"),
            "--out", cli.Path(name), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, err);
        return JsonNode.Parse(File.ReadAllText(cli.Path(name, "summary.json")))!;
    }

    /// <summary>Samples the first run's outputs for review, labels them by the truth, and imports the sheet.</summary>
    private static async Task<string> LabelAsync(CliRun cli, string runId, string dataset, List<(string Id, string Output, bool Truth)> truth)
    {
        var sample = await cli.RunAsync("hitl", "sample", "--run", runId, "--n", "150", "--out", cli.Path("review.csv"), "--dataset", dataset, "--store", cli.Path("results.db"));
        Assert.True(sample.Exit == 0, sample.Err);
        var byId = truth.ToDictionary(t => t.Id, t => t.Truth);
        var lines = File.ReadAllLines(cli.Path("review.csv"));
        var labelled = lines.Take(1).Concat(lines.Skip(1).Select(l =>
        {
            var id = l.Split(',')[1];
            return l[..l.LastIndexOf(",,,", StringComparison.Ordinal)] + (byId[id] ? ",yes,test," : ",no,test,");
        }));
        File.WriteAllLines(cli.Path("review.csv"), labelled);
        var import = await cli.RunAsync("hitl", "import", cli.Path("review.csv"), "--store", cli.Path("results.db"), "--config", CliRun.Repo("jobs"));
        Assert.True(import.Exit == 0, import.Err);
        return import.Out;
    }

    private static double TrueRate(List<(string Id, string Output, bool Truth)> outputs) => outputs.Average(o => o.Truth ? 1.0 : 0.0);

    [Fact]
    public async Task ADetectorThatOverFlagsButRanksWellIsCorrectedToTheTrueRate()
    {
        // 25% hallucinated; 35% faithful with a remark the detector flags.
        static (string, bool) Choose(int i, Random r) => r.NextDouble() switch { < 0.25 => ("wrong", true), < 0.60 => ("remark", false), _ => ("plain", false) };
        using var cli = new CliRun();
        var (text, first) = Build(1, Choose);
        var dataset = cli.Write("catalogue.jsonl", text);
        var firstSummary = await EvaluateAsync(cli, dataset, first, "first");
        var imported = await LabelAsync(cli, firstSummary["run_id"]!.GetValue<string>(), dataset, first);
        Assert.Contains("corrected", imported, StringComparison.Ordinal);

        var (_, second) = Build(2, Choose);
        var summary = await EvaluateAsync(cli, dataset, second, "second");
        var truth = TrueRate(second);
        var hallucination = summary["hallucination"]!;
        var detector = (Rate: hallucination["rate"]!.GetValue<double>(), Low: hallucination["low"]!.GetValue<double>(), High: hallucination["high"]!.GetValue<double>());
        var corrected = hallucination["corrected"] ?? throw new Xunit.Sdk.XunitException("no corrected rate: " + hallucination["corrected_note"]);
        var (rate, low, high) = (corrected["rate"]!.GetValue<double>(), corrected["low"]!.GetValue<double>(), corrected["high"]!.GetValue<double>());
        output.WriteLine(imported);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"true rate {truth:0.000}; detector {detector.Rate:0.000} [{detector.Low:0.000}, {detector.High:0.000}]; corrected {rate:0.000} [{low:0.000}, {high:0.000}] from {corrected["labels"]} labels, {corrected["method"]}"));

        Assert.InRange(rate, truth - 0.05, truth + 0.05);
        Assert.InRange(truth, low, high);
        Assert.True(Math.Abs(detector.Rate - truth) > 0.05, "the detector's own rate is off by more than 0.05");
        Assert.False(detector.Low <= truth && truth <= detector.High, "the detector's own interval misses the truth");
    }

    [Fact]
    public async Task ADetectorNearChanceGetsAnIntervalAsWideAsTheLabelsAloneThatStillCoversTheTrueRate()
    {
        // The reviewers' verdict has nothing to do with what the detector sees: a remark is flagged, a
        // plain answer is not, and either is a hallucination 30% of the time.
        static (string, bool) Choose(int i, Random r) => (r.NextDouble() < 0.5 ? "remark" : "plain", r.NextDouble() < 0.3);
        using var cli = new CliRun();
        var (text, first) = Build(3, Choose);
        var dataset = cli.Write("catalogue.jsonl", text);
        var firstSummary = await EvaluateAsync(cli, dataset, first, "first");
        await LabelAsync(cli, firstSummary["run_id"]!.GetValue<string>(), dataset, first);

        var (_, second) = Build(4, Choose);
        var summary = await EvaluateAsync(cli, dataset, second, "second");
        var truth = TrueRate(second);
        var corrected = summary["hallucination"]!["corrected"] ?? throw new Xunit.Sdk.XunitException("no corrected rate: " + summary["hallucination"]!["corrected_note"]);
        var (rate, low, high, labels) = (corrected["rate"]!.GetValue<double>(), corrected["low"]!.GetValue<double>(), corrected["high"]!.GetValue<double>(), corrected["labels"]!.GetValue<int>());
        var labelsOnly = 2 * 1.96 * Math.Sqrt(truth * (1 - truth) / labels);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"true rate {truth:0.000}; detector {summary["hallucination"]!["rate"]:0.000}; corrected {rate:0.000} [{low:0.000}, {high:0.000}] ({high - low:0.000} wide; labels alone about {labelsOnly:0.000}) from {labels} labels"));

        Assert.InRange(truth, low, high);
        Assert.InRange(high - low, 0.7 * labelsOnly, 1.5 * labelsOnly);
    }
}
