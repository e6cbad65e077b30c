using SloQuality.Core.Yaml;

namespace SloQuality.Core.Datasets;

/// <summary>
/// Reads a YAML dataset: <c>name</c>, <c>description</c>, <c>defaults</c> (fields given to every item
/// that does not set them) and <c>items</c>. Problems are reported at the line of the node.
/// </summary>
internal static class YamlDatasetReader
{
    private static readonly string[] DocumentFields = ["name", "description", "defaults", "items"];
    private static readonly string[] DefaultableFields = ["reference", "context", "incorrect", "answerable", "assert", "tags", "metadata"];

    public static (List<GoldenItem> Items, string Description) Read(string path, byte[] bytes, List<DatasetProblem> problems, YamlLimits limits)
    {
        var lines = DatasetText.SplitLines(path, bytes, problems);
        if (lines.Any(l => l is null))
        {
            return ([], string.Empty);
        }

        var text = string.Join('\n', lines.Select(l => l!.Value.Text));
        if (YamlNodeReader.Parse(path, text, problems, limits) is not { } parsed)
        {
            return ([], string.Empty);
        }

        if (parsed is not MappingNode root)
        {
            problems.Add(new DatasetProblem(path, 1, "a YAML dataset must be a mapping with 'items:' (and optional name, description, defaults)"));
            return ([], string.Empty);
        }

        foreach (var (key, value) in root.Entries.Where(e => Array.IndexOf(DocumentFields, e.Key) < 0))
        {
            problems.Add(new DatasetProblem(path, value.Line, $"unknown field '{key}', expected one of: {string.Join(", ", DocumentFields)}"));
        }

        var description = root.Get("description") switch
        {
            null => string.Empty,
            ScalarNode { Kind: ScalarKind.String, Text: var d } => d ?? string.Empty,
            var other => Problem(problems, path, other.Line, $"'description' must be a string, found {other.KindName}"),
        };
        if (root.Get("name") is { } name and not ScalarNode { Kind: ScalarKind.String })
        {
            problems.Add(new DatasetProblem(path, name.Line, $"'name' must be a string, found {name.KindName}"));
        }

        var defaults = ReadDefaults(path, root.Get("defaults"), problems);
        var itemsNode = root.Get("items");
        if (itemsNode is not SequenceNode sequence)
        {
            problems.Add(new DatasetProblem(path, itemsNode?.Line ?? root.Line, itemsNode is null
                ? "'items' is missing: expected a list of items"
                : $"'items' must be a list of items, found {itemsNode.KindName}"));
            return ([], description);
        }

        if (sequence.Items.Count == 0)
        {
            problems.Add(new DatasetProblem(path, sequence.Line, "'items' is empty: a dataset needs at least one item"));
        }

        var validator = new ItemValidator(path, problems);
        var items = new List<GoldenItem>();
        foreach (var node in sequence.Items)
        {
            var withDefaults = node is MappingNode map && defaults.Count > 0
                ? map with { Entries = [.. map.Entries, .. defaults.Where(d => map.Get(d.Key) is null)] }
                : node;
            if (validator.Validate(withDefaults) is { } item)
            {
                items.Add(item);
            }
        }

        return (items, description);
    }

    private static List<KeyValuePair<string, DataNode>> ReadDefaults(string path, DataNode? node, List<DatasetProblem> problems)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not MappingNode map)
        {
            problems.Add(new DatasetProblem(path, node.Line, $"'defaults' must be a mapping of item fields, found {node.KindName}"));
            return [];
        }

        var valid = new List<KeyValuePair<string, DataNode>>();
        foreach (var entry in map.Entries)
        {
            if (Array.IndexOf(DefaultableFields, entry.Key) < 0)
            {
                problems.Add(new DatasetProblem(path, entry.Value.Line, $"'defaults.{entry.Key}' cannot be a default, expected one of: {string.Join(", ", DefaultableFields)}"));
            }
            else
            {
                valid.Add(entry);
            }
        }

        return valid;
    }

    private static string Problem(List<DatasetProblem> problems, string path, int line, string message)
    {
        problems.Add(new DatasetProblem(path, line, message));
        return string.Empty;
    }
}
