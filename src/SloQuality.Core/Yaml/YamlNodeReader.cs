using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SloQuality.Core.Yaml;

/// <summary>
/// Parses YAML text into <see cref="DataNode"/>s that keep each node's line, typing plain scalars by
/// the YAML 1.2 core schema. Shared by datasets, model targets and simulator profiles.
/// </summary>
public static partial class YamlNodeReader
{
    /// <summary>The first document's root, or null (with the problem recorded) when the YAML is invalid.</summary>
    public static DataNode? Parse(string path, string text, List<DatasetProblem> problems) =>
        ParseAll(path, text, problems) is [var first, ..] ? first : null;

    /// <summary>Every document's root (<c>---</c>-separated), or none (with the problem recorded) when the YAML is invalid.</summary>
    public static IReadOnlyList<DataNode> ParseAll(string path, string text, List<DatasetProblem> problems)
    {
        YamlStream stream = new();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            problems.Add(new DatasetProblem(path, (int)Math.Max(1, e.Start.Line), $"invalid YAML: {Clean(e)}"));
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections; the last
            // event it parsed is where the text stopped making sense.
            var line = (int)Math.Max(1, parser.Current?.End.Line ?? 1);
            problems.Add(new DatasetProblem(path, line, "invalid YAML: a flow collection ('[...]' or '{...}') is not closed"));
            return [];
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(new DatasetProblem(path, 1, "the file is empty"));
            return [];
        }

        return stream.Documents.Select(d => ToNode(d.RootNode)).ToList();
    }

    /// <summary>Reads and parses a YAML file.</summary>
    public static DataNode? ParseFile(string path, List<DatasetProblem> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(new DatasetProblem(path, 0, "no such file"));
            return null;
        }

        return Parse(path, File.ReadAllText(path), problems);
    }

    internal static DataNode ToNode(YamlNode node)
    {
        var line = (int)node.Start.Line;
        return node switch
        {
            YamlMappingNode map => new MappingNode(line, map.Children
                .Select(c => new KeyValuePair<string, DataNode>(c.Key is YamlScalarNode k ? k.Value ?? string.Empty : c.Key.ToString(), ToNode(c.Value)))
                .ToList()),
            YamlSequenceNode seq => new SequenceNode(line, seq.Children.Select(ToNode).ToList()),
            YamlScalarNode scalar => ToScalar(scalar, line),
            _ => new ScalarNode(line, ScalarKind.Null, null),
        };
    }

    /// <summary>Types plain scalars by the YAML 1.2 core schema; quoted or block scalars are strings.</summary>
    private static ScalarNode ToScalar(YamlScalarNode scalar, int line)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return new ScalarNode(line, ScalarKind.String, value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return new ScalarNode(line, ScalarKind.Null, null);
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new ScalarNode(line, ScalarKind.Boolean, value.ToLowerInvariant());
        }

        return NumberPattern().IsMatch(value)
            ? new ScalarNode(line, ScalarKind.Number, value)
            : new ScalarNode(line, ScalarKind.String, value);
    }

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex NumberPattern();

    /// <summary>YamlDotNet prefixes messages with the position, which the line already gives.</summary>
    private static string Clean(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(index + 3)..] : message;
    }
}
