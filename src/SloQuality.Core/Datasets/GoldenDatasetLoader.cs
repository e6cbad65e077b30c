using System.Security.Cryptography;

namespace SloQuality.Core.Datasets;

/// <summary>
/// Loads golden dataset files (<c>*.jsonl</c>, <c>*.yaml</c>, <c>*.yml</c>) and folders of them. A bad
/// file yields its problems and never stops the others.
/// </summary>
public static class GoldenDatasetLoader
{
    public static readonly IReadOnlyList<string> Extensions = [".jsonl", ".yaml", ".yml"];

    public static bool IsDatasetFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every dataset file under the given files and folders, in a stable order.</summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsDatasetFile)
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    public static DatasetLoadResult Load(string path)
    {
        var problems = new List<DatasetProblem>();
        if (!File.Exists(path))
        {
            problems.Add(new DatasetProblem(path, 0, Directory.Exists(path) ? "is a folder, expected a dataset file" : "no such file"));
            return new DatasetLoadResult(path, null, problems);
        }

        if (!IsDatasetFile(path))
        {
            problems.Add(new DatasetProblem(path, 0, $"unsupported file type '{Path.GetExtension(path)}', expected one of: {string.Join(", ", Extensions)}"));
            return new DatasetLoadResult(path, null, problems);
        }

        return Parse(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// A dataset from its file's bytes (as read now, or as snapshotted when a run was planned, so every
    /// chunk of a run sees the same version whatever happens to the file meanwhile).
    /// </summary>
    public static DatasetLoadResult Parse(string path, byte[] bytes)
    {
        var problems = new List<DatasetProblem>();
        if (DatasetText.IsBlank(bytes))
        {
            problems.Add(new DatasetProblem(path, 1, "the file is empty: a dataset needs at least one item"));
            return new DatasetLoadResult(path, null, problems);
        }

        List<GoldenItem> items;
        var description = string.Empty;
        if (Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            items = JsonlDatasetReader.Read(path, bytes, problems);
        }
        else
        {
            (items, description) = YamlDatasetReader.Read(path, bytes, problems);
        }

        ReportDuplicateIds(path, items, problems);
        if (problems.Count > 0)
        {
            return new DatasetLoadResult(path, null, problems.OrderBy(p => p.Line).ToList());
        }

        var name = Path.GetFileNameWithoutExtension(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new DatasetLoadResult(path, new GoldenDataset(name, path, description, items, hash), problems);
    }

    private static void ReportDuplicateIds(string path, List<GoldenItem> items, List<DatasetProblem> problems)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!firstLine.TryAdd(item.Id, item.Line))
            {
                problems.Add(new DatasetProblem(path, item.Line, $"duplicate id '{item.Id}', first used at line {firstLine[item.Id]}"));
            }
        }
    }
}
