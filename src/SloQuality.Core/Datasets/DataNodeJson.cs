using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SloQuality.Core.Datasets;

/// <summary>Converts between <see cref="DataNode"/> and System.Text.Json trees.</summary>
internal static class DataNodeJson
{
    public static JsonNode? ToJson(DataNode node) => node switch
    {
        ScalarNode { Kind: ScalarKind.Null } => null,
        ScalarNode { Kind: ScalarKind.Boolean, Text: var t } => JsonValue.Create(t == "true"),
        ScalarNode { Kind: ScalarKind.Number, Text: var t } => JsonNode.Parse(NormaliseNumber(t!)),
        ScalarNode s => JsonValue.Create(s.Text),
        SequenceNode seq => new JsonArray(seq.Items.Select(ToJson).ToArray()),
        MappingNode map => ToObject(map),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>
    /// The element as a node, or null with <paramref name="problem"/> set when a value cannot be passed
    /// on: a number outside double range, a string with a lone surrogate.
    /// </summary>
    public static DataNode? FromJson(JsonElement element, int line, out string? problem)
    {
        problem = null;
        var node = Convert(element, line, ref problem);
        return problem is null ? node : null;
    }

    private static DataNode Convert(JsonElement element, int line, ref string? problem)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, DataNode>>();
                foreach (var property in element.EnumerateObject())
                {
                    if (ReadString(() => property.Name, ref problem) is not { } name)
                    {
                        break;
                    }

                    entries.Add(new(name, Convert(property.Value, line, ref problem)));
                }

                return new MappingNode(line, entries);
            case JsonValueKind.Array:
                var items = new List<DataNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item, line, ref problem));
                }

                return new SequenceNode(line, items);
            case JsonValueKind.String:
                return Checked(new ScalarNode(line, ScalarKind.String, ReadString(element.GetString, ref problem)), ref problem);
            case JsonValueKind.Number:
                return Checked(new ScalarNode(line, ScalarKind.Number, element.GetRawText()), ref problem);
            case JsonValueKind.True:
                return new ScalarNode(line, ScalarKind.Boolean, "true");
            case JsonValueKind.False:
                return new ScalarNode(line, ScalarKind.Boolean, "false");
            default:
                return new ScalarNode(line, ScalarKind.Null, null);
        }
    }

    private static ScalarNode Checked(ScalarNode node, ref string? problem)
    {
        problem ??= ScalarChecks.Problem(node);
        return node;
    }

    /// <summary>System.Text.Json refuses to decode an escaped lone surrogate into a string.</summary>
    private static string? ReadString(Func<string?> read, ref string? problem)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            problem ??= "a string has a lone UTF-16 surrogate escape (such as \\ud800 without its pair), expected valid Unicode text";
            return null;
        }
    }

    private static JsonObject ToObject(MappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            obj[key] = ToJson(value);
        }

        return obj;
    }

    /// <summary>YAML allows forms such as <c>+1</c> or <c>.5</c> that JSON does not.</summary>
    private static string NormaliseNumber(string text) =>
        double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}
