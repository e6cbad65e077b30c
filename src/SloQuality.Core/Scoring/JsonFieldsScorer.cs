using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// Checks extracted values: every expected field (a dot path such as <c>customer.email</c>) must be
/// present with an equal value. Strings compare normalised, numbers by value. The score is the share
/// of fields right, so a partly right extraction is visible.
/// </summary>
public sealed class JsonFieldsScorer(JsonObject expected) : IScorer
{
    public string Name => "json-fields";

    public ScoreResult Score(GoldenItem item, string output)
    {
        using var document = JsonOutput.TryParse(output, out var error);
        if (document is null)
        {
            return new ScoreResult(Name, 0, false, error);
        }

        var wrong = new List<string>();
        foreach (var (path, value) in expected)
        {
            if (!TryFind(document.RootElement, path, out var actual))
            {
                wrong.Add($"{path} missing");
            }
            else if (!AreEqual(actual, value))
            {
                wrong.Add($"{path} = {Truncate(actual.GetRawText())}, expected {Truncate(value?.ToJsonString() ?? "null")}");
            }
        }

        var score = expected.Count == 0 ? 1 : (double)(expected.Count - wrong.Count) / expected.Count;
        return new ScoreResult(Name, score, wrong.Count == 0, wrong.Count == 0 ? null : string.Join("; ", wrong.Take(4)));
    }

    private static bool TryFind(JsonElement root, string path, out JsonElement found)
    {
        found = root;
        foreach (var part in path.Split('.'))
        {
            if (found.ValueKind == JsonValueKind.Object && found.TryGetProperty(part, out var next))
            {
                found = next;
            }
            else if (found.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index) && index >= 0 && index < found.GetArrayLength())
            {
                found = found[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static bool AreEqual(JsonElement actual, JsonNode? expected)
    {
        if (expected is null)
        {
            return actual.ValueKind == JsonValueKind.Null;
        }

        var expectedElement = JsonSerializer.SerializeToElement(expected);
        return (actual.ValueKind, expectedElement.ValueKind) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => actual.GetDouble().Equals(expectedElement.GetDouble()),
            (JsonValueKind.String, JsonValueKind.String) =>
                TextNormalizer.Normalize(actual.GetString()!) == TextNormalizer.Normalize(expectedElement.GetString()!),
            (JsonValueKind.String, JsonValueKind.Number) =>
                double.TryParse(actual.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n.Equals(expectedElement.GetDouble()),
            _ => JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), expected),
        };
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
