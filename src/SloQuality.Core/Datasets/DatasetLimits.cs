using SloQuality.Core.Yaml;

namespace SloQuality.Core.Datasets;

/// <summary>
/// How much one dataset file may ask of the loader. A file over <see cref="MaxFileBytes"/> is a problem
/// before a byte of it is read, so a huge or endless file is never an out-of-memory exit.
/// </summary>
public sealed record DatasetLimits(long MaxFileBytes = DatasetLimits.DefaultMaxFileBytes, YamlLimits? Yaml = null)
{
    public const long DefaultMaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The environment variable that overrides <see cref="MaxFileBytes"/>, in megabytes.</summary>
    public const string MaxFileMegabytesVariable = "SLOQ_MAX_DATASET_MB";

    public static DatasetLimits Default { get; } = new();

    public YamlLimits YamlLimits => Yaml ?? YamlLimits.Default;

    /// <summary>Overrides <see cref="YamlLimits.MaxDepth"/>.</summary>
    public const string YamlDepthVariable = "SLOQ_YAML_MAX_DEPTH";

    /// <summary>Overrides <see cref="YamlLimits.MaxAliasNodes"/>.</summary>
    public const string YamlAliasNodesVariable = "SLOQ_YAML_MAX_ALIAS_NODES";

    /// <summary>The defaults with each of the variables above applied when it is a positive whole number.</summary>
    public static DatasetLimits FromEnvironment(Func<string, string?> variable)
    {
        static long? Positive(string? text) => long.TryParse(text, out var value) && value > 0 ? value : null;
        var yaml = YamlLimits.Default;
        return new DatasetLimits(
            Positive(variable(MaxFileMegabytesVariable)) is { } megabytes ? megabytes * 1024 * 1024 : DefaultMaxFileBytes,
            yaml with
            {
                MaxDepth = (int)Math.Min(int.MaxValue, Positive(variable(YamlDepthVariable)) ?? yaml.MaxDepth),
                MaxAliasNodes = Positive(variable(YamlAliasNodesVariable)) ?? yaml.MaxAliasNodes,
            });
    }
}
