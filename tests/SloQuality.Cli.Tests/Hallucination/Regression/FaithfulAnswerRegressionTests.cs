using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloQuality.Core.Hallucination.Variants;
using Xunit.Abstractions;

namespace SloQuality.Cli.Tests.Hallucination.Regression;

/// <summary>
/// The faithful-answer regression suite: variants of items written for it (cards.yaml, never trained
/// on), run through <c>sloq evaluate</c> with recorded outputs as a user would. Its conversation is worded
/// apart from the training examples' (<see cref="Wrapping.Training"/>), so it measures what the detector
/// learned, not the phrases it was shown.
/// </summary>
public sealed class FaithfulAnswerRegressionTests(ITestOutputHelper output)
{
    private static readonly Wrapping Suite = new(
        ["Hi! ", "Good morning! ", "Thanks for reaching out. ", "Great question! ", "In short, ", "Sure thing! ", "To answer your question: ",
         "Here's what I found: ", "Hello, and thanks for your message. ", "Of course! ", "Good news: ", "Thank you for your question. "],
        [" I hope that helps.", " Let me know if there's anything else I can do for you.", " Would you like me to help with anything else?",
         " If you have more questions, just ask.", " Happy to help further.", " Thanks for your patience!", " Have a nice day."],
        ["You asked: {question} ", "You want to know: {question} ", "{question} "]);

    /// <summary>
    /// The issue's targets: at most 1% flagged and at least 97% caught. The shipped detector measures 0.7%
    /// and 97.4% (README); the variants are seeded stably, so the figures are the same in every run.
    /// </summary>
    private const double FalseAlarmBound = 0.01;
    private const double CaughtBound = 0.97;

    [Fact]
    public async Task FaithfulVariantsAreAlmostNeverFlaggedAndPlantedErrorsAreCaught()
    {
        var (cards, problems) = VariantCards.Read(Path.Combine(CliRun.RepositoryRoot, "tests", "SloQuality.Cli.Tests", "Hallucination", "Regression", "cards.yaml"));
        Assert.Empty(problems);
        var cases = new List<(string Id, Variant Variant, bool Grounded)>();
        foreach (var card in cards)
        {
            foreach (var (variant, i) in VariantGenerator.Generate(card, Suite).Select((v, i) => (v, i)))
            {
                cases.Add(($"{card.Id}-{i:00}", variant, false));
                if (card.Grounded)
                {
                    cases.Add(($"{card.Id}-{i:00}-grounded", variant, true));
                }
            }
        }

        using var cli = new CliRun();
        var dataset = cli.Write("suite.jsonl", string.Join('\n', cases.Select(c => JsonSerializer.Serialize(new
        {
            id = c.Id,
            input = c.Variant.Card.Question,
            reference = c.Grounded ? null : c.Variant.Card.Reference,
            context = c.Variant.Card.Context,
            incorrect = c.Grounded ? [] : c.Variant.Card.Incorrect,
            tags = new[] { c.Variant.Card.Domain, c.Variant.Kind },
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }))) + "\n");
        var recorded = cli.Write("recorded.jsonl", string.Join('\n', cases.Select(c => JsonSerializer.Serialize(new { id = c.Id, output = c.Variant.Output }))) + "\n");

        var (exit, _, stderr) = await cli.RunAsync("evaluate", "--dataset", dataset, "--model", "recorded:" + recorded, "--config", CliRun.Repo("jobs"),
            "--out", cli.Path("out"), "--store", cli.Path("results.db"), "--no-progress");
        Assert.True(exit == 0, stderr);

        var flagged = File.ReadAllLines(cli.Path("out", "items.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject())
            .ToDictionary(i => i["id"]!.GetValue<string>(), i => (Flag: i["hallucinated"]!.GetValue<bool>(), Score: i["hallucination_score"]!.GetValue<double>(), Why: i["unsupported_claims"]!.ToJsonString()));
        var faithful = cases.Where(c => !c.Variant.Hallucinated).ToList();
        var planted = cases.Where(c => c.Variant.Hallucinated).ToList();
        var falseAlarms = faithful.Where(c => flagged[c.Id].Flag).ToList();
        var missed = planted.Where(c => !flagged[c.Id].Flag).ToList();
        foreach (var group in cases.GroupBy(c => (c.Variant.Kind, c.Grounded)).OrderBy(g => g.Key.Grounded).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var wrong = group.Count(c => flagged[c.Id].Flag != c.Variant.Hallucinated);
            output.WriteLine($"{group.Key.Kind,-12} {(group.Key.Grounded ? "context only" : "with reference"),-15} {group.Count(),4} variants, {wrong} judged wrong");
        }

        foreach (var c in falseAlarms.Concat(missed))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(c.Variant.Hallucinated ? "missed" : "false alarm")} {c.Id} ({c.Variant.Kind}) {flagged[c.Id].Score:0.000}: {c.Variant.Output}{(c.Variant.Hallucinated ? string.Empty : " " + flagged[c.Id].Why)}"));
        }

        var falseAlarmRate = (double)falseAlarms.Count / faithful.Count;
        var caughtRate = 1 - ((double)missed.Count / planted.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"faithful variants flagged: {falseAlarms.Count} of {faithful.Count} ({falseAlarmRate:P1}); planted errors caught: {planted.Count - missed.Count} of {planted.Count} ({caughtRate:P1})"));
        Assert.True(faithful.Count >= 300 && planted.Count >= 300, $"{faithful.Count} faithful and {planted.Count} planted variants; the suite needs 300 of each");
        Assert.True(falseAlarmRate <= FalseAlarmBound, $"{falseAlarms.Count} of {faithful.Count} faithful variants flagged");
        Assert.True(caughtRate >= CaughtBound, $"{missed.Count} of {planted.Count} planted errors missed");
    }
}
