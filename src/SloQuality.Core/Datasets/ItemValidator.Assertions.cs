using SloQuality.Core.Scoring;

namespace SloQuality.Core.Datasets;

/// <summary>The <c>assert</c> list of an item: each spec's shape, then what its type requires.</summary>
internal sealed partial class ItemValidator
{
    private List<AssertionSpec> ReadAssertions(DataNode node)
    {
        if (node is not SequenceNode seq)
        {
            Report(node.Line, $"'assert' must be a list of scorer specs, found {node.KindName}");
            return [];
        }

        var specs = new List<AssertionSpec>();
        for (var index = 0; index < seq.Items.Count; index++)
        {
            if (ReadAssertion(seq.Items[index], index) is { } spec)
            {
                specs.Add(spec);
            }
        }

        return specs;
    }

    private AssertionSpec? ReadAssertion(DataNode node, int index)
    {
        if (node is not MappingNode map)
        {
            Report(node.Line, $"'assert[{index}]' must be an object with a 'type', found {node.KindName}");
            return null;
        }

        if (map.Get("type") is not ScalarNode { Kind: ScalarKind.String, Text: { } type })
        {
            Report(map.Get("type")?.Line ?? map.Line, $"'assert[{index}].type' must be a string, expected one of: {string.Join(", ", AssertionCatalog.Types)}");
            return null;
        }

        var threshold = ReadNumber(map, "threshold", index);
        var weight = ReadNumber(map, "weight", index) ?? 1.0;
        var valueNode = map.Get("value");
        var spec = new AssertionSpec(type, valueNode is null ? null : DataNodeJson.ToJson(valueNode), threshold, weight, map.Line);
        if (AssertionCatalog.Validate(spec) is { } error)
        {
            Report(valueNode is not null && AssertionCatalog.IsKnown(type) ? valueNode.Line : map.Get("type")!.Line, $"'assert[{index}]': {error}");
            return null;
        }

        return spec;
    }

    private double? ReadNumber(MappingNode map, string field, int index)
    {
        var node = map.Get(field);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Number, Text: { } text } &&
            double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(node.Line, $"'assert[{index}].{field}' must be a number, found {node.KindName}");
        return null;
    }
}
