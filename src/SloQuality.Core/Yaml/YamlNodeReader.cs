using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;
using YamlDotNet.Core;

namespace SloQuality.Core.Yaml;

/// <summary>
/// Parses YAML text into <see cref="DataNode"/>s that keep each node's line, typing plain scalars by
/// the YAML 1.2 core schema. Shared by datasets, model targets, SLOs and simulator profiles.
/// </summary>
/// <remarks>
/// Composes nodes from the parser's events with an explicit stack instead of YamlDotNet's recursive
/// representation model, so nesting depth, alias expansion and self-reference are checked against
/// <see cref="YamlLimits"/> as the events arrive and never reach the call stack or the heap unbounded.
/// </remarks>
public static partial class YamlNodeReader
{
    /// <summary>The first document's root, or null (with the problem recorded) when the YAML is invalid.</summary>
    public static DataNode? Parse(string path, string text, List<DatasetProblem> problems, YamlLimits? limits = null) =>
        ParseAll(path, text, problems, limits) is [var first, ..] ? first : null;

    /// <summary>Every document's root (<c>---</c>-separated), or none (with the problem recorded) when the YAML is invalid.</summary>
    public static IReadOnlyList<DataNode> ParseAll(string path, string text, List<DatasetProblem> problems, YamlLimits? limits = null)
    {
        var parser = new Parser(new StringReader(text));
        var composer = new YamlComposer(path, limits ?? YamlLimits.Default);
        try
        {
            while (parser.MoveNext())
            {
                if (composer.Accept(parser.Current!) is { } problem)
                {
                    problems.Add(problem);
                    return [];
                }
            }
        }
        catch (YamlException e)
        {
            problems.Add(new DatasetProblem(path, LastLine(text, e.Start.Line), $"invalid YAML: {Clean(e)}"));
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections; the last
            // event it parsed is where the text stopped making sense.
            var line = LastLine(text, parser.Current?.End.Line ?? 1);
            problems.Add(new DatasetProblem(path, line, "invalid YAML: a flow collection ('[...]' or '{...}') is not closed"));
            return [];
        }

        if (composer.Documents.Count == 0)
        {
            problems.Add(new DatasetProblem(path, 1, "the file is empty"));
            return [];
        }

        return composer.Documents;
    }

    /// <summary>Reads and parses a YAML file.</summary>
    public static DataNode? ParseFile(string path, List<DatasetProblem> problems, YamlLimits? limits = null)
    {
        var kind = FileKind.Of(path);
        if (kind != FileKindValue.Regular)
        {
            problems.Add(new DatasetProblem(path, 0, kind == FileKindValue.Missing ? "no such file" : $"is {FileKind.Describe(kind)}, expected a regular YAML file; not read"));
            return null;
        }

        return Parse(path, File.ReadAllText(path), problems, limits);
    }

    /// <summary>Types plain scalars by the YAML 1.2 core schema; quoted or block scalars are strings.</summary>
    internal static ScalarNode ToScalar(YamlDotNet.Core.Events.Scalar scalar, int line)
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

    /// <summary>YamlDotNet puts an error at the end of the text on the line after the last one.</summary>
    private static int LastLine(string text, long line)
    {
        var lines = text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        return (int)Math.Clamp(line, 1, Math.Max(1, lines));
    }

    /// <summary>YamlDotNet prefixes messages with the position, which the line already gives.</summary>
    private static string Clean(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(index + 3)..] : message;
    }
}
