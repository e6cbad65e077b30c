using System.Globalization;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Yaml;

/// <summary>
/// Typed reads from a parsed configuration mapping that record <c>path:line: message</c> problems
/// instead of throwing, so one pass reports everything wrong with a file.
/// </summary>
public sealed class NodeReader(string path, List<DatasetProblem> problems)
{
    public string Path => path;

    public List<DatasetProblem> Problems => problems;

    public void Report(int line, string message) => problems.Add(new DatasetProblem(path, line, message));

    public void RejectUnknown(MappingNode map, string where, params string[] known)
    {
        foreach (var (key, value) in map.Entries.Where(e => Array.IndexOf(known, e.Key) < 0))
        {
            Report(value.Line, $"unknown field '{where}{key}', expected one of: {string.Join(", ", known)}");
        }
    }

    public string? String(MappingNode map, string key, bool required = false)
    {
        switch (map.Get(key))
        {
            case null:
                if (required)
                {
                    Report(map.Line, $"'{key}' is missing");
                }

                return null;
            case ScalarNode { Kind: ScalarKind.String or ScalarKind.Number, Text: { } text } when text.Length > 0:
                return text;
            case var other:
                Report(other.Line, $"'{key}' must be a non-empty string, found {other.KindName}");
                return null;
        }
    }

    public double? Number(MappingNode map, string key, double min = double.MinValue, double max = double.MaxValue)
    {
        var node = map.Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Number, Text: { } text } &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                Report(node.Line, $"'{key}' is {value.ToString(CultureInfo.InvariantCulture)}, expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return value;
        }

        Report(node.Line, $"'{key}' must be a number, found {node.KindName}");
        return null;
    }

    public int? Integer(MappingNode map, string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Number(map, key, min, max);
        if (value is { } v && v != Math.Floor(v))
        {
            Report(map.Get(key)!.Line, $"'{key}' must be a whole number, found {v.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value is null ? null : (int)value.Value;
    }

    public bool? Boolean(MappingNode map, string key)
    {
        var node = map.Get(key);
        switch (node)
        {
            case null:
                return null;
            case ScalarNode { Kind: ScalarKind.Boolean, Text: var text }:
                return text == "true";
            default:
                Report(node.Line, $"'{key}' must be true or false, found {node.KindName}");
                return null;
        }
    }

    public MappingNode? Mapping(MappingNode map, string key)
    {
        var node = map.Get(key);
        if (node is null or MappingNode)
        {
            return (MappingNode?)node;
        }

        Report(node.Line, $"'{key}' must be a mapping, found {node.KindName}");
        return null;
    }

    public SequenceNode? Sequence(MappingNode map, string key)
    {
        var node = map.Get(key);
        if (node is null or SequenceNode)
        {
            return (SequenceNode?)node;
        }

        Report(node.Line, $"'{key}' must be a list, found {node.KindName}");
        return null;
    }
}
