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

    /// <summary>The defaults with <c>SLOQ_MAX_DATASET_MB</c> applied when it is a positive whole number.</summary>
    public static DatasetLimits FromEnvironment(Func<string, string?> variable) =>
        long.TryParse(variable(MaxFileMegabytesVariable), out var megabytes) && megabytes > 0
            ? new DatasetLimits(megabytes * 1024 * 1024)
            : Default;
}
