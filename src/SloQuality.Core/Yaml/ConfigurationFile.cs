using SloQuality.Core.Datasets;

namespace SloQuality.Core.Yaml;

/// <summary>
/// Opens an optional YAML file of the configuration folder as a mapping: a missing file gives no root
/// and no problem (the defaults apply), a file that is not a mapping gives a line-1 problem saying what
/// was expected.
/// </summary>
public static class ConfigurationFile
{
    public static (NodeReader Reader, MappingNode? Root) Open(string configFolder, string fileName, string expected, List<DatasetProblem> problems)
    {
        var path = Path.Combine(configFolder, fileName);
        var reader = new NodeReader(path, problems);
        if (!File.Exists(path))
        {
            return (reader, null);
        }

        if (YamlNodeReader.ParseFile(path, problems) is MappingNode root)
        {
            return (reader, root);
        }

        if (problems.Count == 0)
        {
            reader.Report(1, $"expected a mapping with {expected}");
        }

        return (reader, null);
    }
}
