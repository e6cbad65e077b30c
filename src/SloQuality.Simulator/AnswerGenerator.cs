using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Simulator;

/// <summary>What kind of answer the simulator gave (for tests that check its rates).</summary>
public enum AnswerKind { Reference, Paraphrase, Hallucination, Abstention, Unknown, MeaningShift }

/// <summary>
/// Writes the simulated model's answer for an item: the golden reference, a paraphrase of it, or a
/// hallucination (a known incorrect claim, or the reference with a number or a name changed).
/// </summary>
public static partial class AnswerGenerator
{
    private static readonly string[] FakeNames = ["Marseille", "Helsinki", "Patagonia", "Westbrook", "Okonkwo", "Valencia", "Thornbury", "Kessler"];

    private static readonly (string From, string To)[] Synonyms =
    [
        ("within", "inside of"), ("purchase", "buy"), ("receive", "get"), ("approximately", "about"),
        ("customers", "clients"), ("however", "but"), ("must", "need to"), ("because", "since"),
        ("large", "big"), ("begin", "start"), ("located", "situated"), ("help", "assist"),
    ];

    private static readonly string[] Openers = ["", "Sure. ", "In short: ", "Good question. ", "Here is the answer: "];

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<=\s)[A-Z][a-z]{2,}")]
    private static partial Regex NamePattern();

    public static (string Text, AnswerKind Kind) Answer(GoldenItem? item, SimulatorProfile profile, Random random)
    {
        if (item is null)
        {
            return ("I'm not sure I can help with that; I have no information about it.", AnswerKind.Unknown);
        }

        var draw = random.NextDouble();
        var hallucinate = draw < profile.HallucinationRate;
        var paraphrase = !hallucinate && draw < profile.HallucinationRate + profile.ParaphraseRate;

        if (!item.Answerable)
        {
            return hallucinate
                ? (item.Incorrect.Count > 0 ? Pick(item.Incorrect, random) : "Yes. It was confirmed in 1987 by the Geneva Institute.", AnswerKind.Hallucination)
                : ("I don't know. There is no reliable information that answers this.", AnswerKind.Abstention);
        }

        // A grounded item (a context and no reference) is answered from its context, as a RAG model would.
        var reference = item.Reference.Count > 0 ? item.Reference[0]
            : item.Grounded ? Sentences.Split(item.Context[0]).First()
            : FromAssertions(item);
        if (hallucinate)
        {
            return (Hallucinate(item, reference, random), AnswerKind.Hallucination);
        }

        return paraphrase ? (Paraphrase(reference, random), AnswerKind.Paraphrase) : (reference, AnswerKind.Reference);
    }

    private static string Hallucinate(GoldenItem item, string reference, Random random)
    {
        if (item.Incorrect.Count > 0 && random.NextDouble() < 0.5)
        {
            return Pick(item.Incorrect, random);
        }

        var numbers = NumberPattern().Matches(reference);
        if (numbers.Count > 0)
        {
            var match = numbers[random.Next(numbers.Count)];
            var value = double.Parse(match.Value, CultureInfo.InvariantCulture);
            var changed = value == 0 ? 7 : Math.Round(value * (random.NextDouble() < 0.5 ? 2 : 0.5) + 1, match.Value.Contains('.') ? 2 : 0);
            return reference[..match.Index] + changed.ToString(CultureInfo.InvariantCulture) + reference[(match.Index + match.Length)..];
        }

        var names = NamePattern().Matches(reference);
        if (names.Count > 0)
        {
            var match = names[random.Next(names.Count)];
            return reference[..match.Index] + Pick(FakeNames, random) + reference[(match.Index + match.Length)..];
        }

        return item.Incorrect.Count > 0
            ? Pick(item.Incorrect, random)
            : reference.TrimEnd('.') + ". This was confirmed in 1987 by the Geneva Institute.";
    }

    private static string Paraphrase(string reference, Random random)
    {
        if (TryJson(reference) is { } json)
        {
            // A paraphrase of structured output: same content, other layout.
            return json.ToJsonString(new JsonSerializerOptions { WriteIndented = random.NextDouble() < 0.5 });
        }

        var text = reference;
        foreach (var (from, to) in Synonyms)
        {
            text = Regex.Replace(text, $@"\b{from}\b", to, RegexOptions.IgnoreCase);
        }

        return Pick(Openers, random) + text;
    }

    private static string FromAssertions(GoldenItem item)
    {
        var values = item.Assertions
            .Where(a => a.Type.StartsWith("contains", StringComparison.Ordinal) || a.Type == "equals")
            .SelectMany(a => a.Value is JsonArray arr ? arr.Select(v => v!.ToString()) : [a.Value?.ToString() ?? string.Empty])
            .Where(v => v.Length > 0)
            .ToList();
        return values.Count > 0 ? string.Join(", ", values) + "." : "I don't know.";
    }

    private static JsonNode? TryJson(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Pick(IReadOnlyList<string> values, Random random) => values[random.Next(values.Count)];
}
