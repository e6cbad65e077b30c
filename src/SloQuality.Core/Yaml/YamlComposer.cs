using SloQuality.Core.Datasets;
using YamlDotNet.Core.Events;

namespace SloQuality.Core.Yaml;

/// <summary>
/// Builds <see cref="DataNode"/> trees from YAML parser events with an explicit stack. An alias shares
/// the anchored node (no copy) and is charged its expanded size against the alias budget; an alias of
/// a node that is still open is a self-reference. The first problem ends composition.
/// </summary>
internal sealed class YamlComposer(string path, YamlLimits limits)
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, Composed> anchors = new(StringComparer.Ordinal);
    private long aliasNodes;

    public List<DataNode> Documents { get; } = [];

    public DatasetProblem? Accept(ParsingEvent parsingEvent)
    {
        var line = (int)Math.Max(1, parsingEvent.Start.Line);
        switch (parsingEvent)
        {
            case DocumentEnd:
                anchors.Clear();
                return null;
            case SequenceStart start:
                return Open(new Frame(line, start.Anchor.IsEmpty ? null : start.Anchor.Value, IsMapping: false));
            case MappingStart start:
                return Open(new Frame(line, start.Anchor.IsEmpty ? null : start.Anchor.Value, IsMapping: true));
            case SequenceEnd or MappingEnd:
                return Close(open.Pop());
            case Scalar scalar:
                var node = YamlNodeReader.ToScalar(scalar, line);
                if (ScalarChecks.Problem(node) is { } wrong)
                {
                    return new DatasetProblem(path, line, wrong);
                }

                return Add(new Composed(node, 1, 0), scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
            case AnchorAlias alias:
                return Alias(alias.Value.Value, line);
            default:
                return null;
        }
    }

    private DatasetProblem? Open(Frame frame)
    {
        if (open.Count + 1 > limits.MaxDepth)
        {
            return new DatasetProblem(path, frame.Line, $"YAML nested deeper than {limits.MaxDepth} levels, expected at most {limits.MaxDepth}");
        }

        open.Push(frame);
        return null;
    }

    private DatasetProblem? Close(Frame frame)
    {
        DataNode node;
        if (frame.IsMapping)
        {
            var entries = new List<KeyValuePair<string, DataNode>>(frame.Children.Count / 2);
            var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < frame.Children.Count; i += 2)
            {
                var keyNode = frame.Children[i];
                var key = keyNode is ScalarNode scalar ? scalar.Text ?? string.Empty : $"({keyNode.KindName} as a key)";
                if (!firstLine.TryAdd(key, keyNode.Line))
                {
                    return new DatasetProblem(path, keyNode.Line, $"duplicate key '{key}', first used at line {firstLine[key]}: each key may appear once in a mapping");
                }

                entries.Add(new(key, frame.Children[i + 1]));
            }

            node = new MappingNode(frame.Line, entries);
        }
        else
        {
            node = new SequenceNode(frame.Line, frame.Children);
        }

        return Add(new Composed(node, frame.Size + 1, frame.Height + 1), frame.Anchor);
    }

    private DatasetProblem? Alias(string name, int line)
    {
        if (!anchors.TryGetValue(name, out var target))
        {
            return new DatasetProblem(path, line, open.Any(f => f.Anchor == name)
                ? $"alias '*{name}' refers to the node that contains it: an alias must point to a node that is complete before it"
                : $"alias '*{name}' has no anchor '&{name}' before it in this document");
        }

        aliasNodes += target.Size;
        if (aliasNodes > limits.MaxAliasNodes)
        {
            return new DatasetProblem(path, line, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"aliases expand to more than {limits.MaxAliasNodes:N0} nodes, expected at most {limits.MaxAliasNodes:N0} (is this an alias bomb?)"));
        }

        if (open.Count + target.Height > limits.MaxDepth)
        {
            return new DatasetProblem(path, line, $"alias '*{name}' nests YAML deeper than {limits.MaxDepth} levels, expected at most {limits.MaxDepth}");
        }

        return Add(target, anchor: null);
    }

    private DatasetProblem? Add(Composed composed, string? anchor)
    {
        if (anchor is not null)
        {
            anchors[anchor] = composed;
        }

        if (open.TryPeek(out var parent))
        {
            parent.Children.Add(composed.Node);
            parent.Size += composed.Size;
            parent.Height = Math.Max(parent.Height, composed.Height);
        }
        else
        {
            Documents.Add(composed.Node);
        }

        return null;
    }

    /// <summary>A node with the count of nodes it stands for once aliases are expanded, and its height.</summary>
    private readonly record struct Composed(DataNode Node, long Size, int Height);

    private sealed record Frame(int Line, string? Anchor, bool IsMapping)
    {
        public List<DataNode> Children { get; } = [];

        public long Size { get; set; }

        public int Height { get; set; }
    }
}
