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

    public static DataNode FromJson(JsonElement element, int line) => element.ValueKind switch
    {
        JsonValueKind.Object => new MappingNode(line, element.EnumerateObject()
            .Select(p => new KeyValuePair<string, DataNode>(p.Name, FromJson(p.Value, line))).ToList()),
        JsonValueKind.Array => new SequenceNode(line, element.EnumerateArray().Select(e => FromJson(e, line)).ToList()),
        JsonValueKind.String => new ScalarNode(line, ScalarKind.String, element.GetString()),
        JsonValueKind.Number => new ScalarNode(line, ScalarKind.Number, element.GetRawText()),
        JsonValueKind.True => new ScalarNode(line, ScalarKind.Boolean, "true"),
        JsonValueKind.False => new ScalarNode(line, ScalarKind.Boolean, "false"),
        _ => new ScalarNode(line, ScalarKind.Null, null),
    };

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
