namespace SloQuality.Core.Datasets;

/// <summary>
/// A format-neutral view of a parsed dataset value that remembers the line it came from, so that
/// JSON Lines and YAML items are validated by the same code and every problem can name its line.
/// </summary>
public abstract record DataNode(int Line)
{
    /// <summary>The name of the node's kind as a dataset author would say it ("a string", "a list").</summary>
    public abstract string KindName { get; }
}

public enum ScalarKind { String, Number, Boolean, Null }

public sealed record ScalarNode(int Line, ScalarKind Kind, string? Text) : DataNode(Line)
{
    public override string KindName => Kind switch
    {
        ScalarKind.String => "a string",
        ScalarKind.Number => "a number",
        ScalarKind.Boolean => "a boolean",
        _ => "null",
    };
}

public sealed record SequenceNode(int Line, IReadOnlyList<DataNode> Items) : DataNode(Line)
{
    public override string KindName => "a list";
}

public sealed record MappingNode(int Line, IReadOnlyList<KeyValuePair<string, DataNode>> Entries) : DataNode(Line)
{
    public override string KindName => "an object";

    public DataNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
