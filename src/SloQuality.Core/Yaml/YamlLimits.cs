namespace SloQuality.Core.Yaml;

/// <summary>
/// Bounds on what one YAML file may make the reader build, so that a few hundred hostile bytes (an
/// alias that contains itself, "billion laughs", thousands of nested brackets) are a problem at their
/// line instead of a stack overflow or an out-of-memory kill.
/// </summary>
/// <param name="MaxDepth">Deepest nesting of lists and mappings, aliases counted as what they stand for.</param>
/// <param name="MaxAliasNodes">
/// Nodes that aliases may add to a document in total. Nodes written out are bounded by the file's size;
/// only aliases multiply, so only they need a budget. A dataset that aliases a ten-field context into
/// each of 2,000 items uses 20,000.
/// </param>
public sealed record YamlLimits(int MaxDepth = 64, long MaxAliasNodes = 100_000)
{
    public static YamlLimits Default { get; } = new();
}
