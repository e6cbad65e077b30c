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

    /// <summary>Every dataset file under the given files and folders, in a stable order (skipped entries dropped: see <see cref="LoadAll"/>).</summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths) => DatasetFiles.List(paths).Files;

    /// <summary>
    /// Every dataset under the given files and folders, each valid or with its problems: an entry the walk
    /// skipped (a link out of the folder, a loop) and a file that cannot be read are results like any
    /// other, so one bad file never stops the others.
    /// </summary>
    public static IReadOnlyList<DatasetLoadResult> LoadAll(IEnumerable<string> paths, DatasetLimits? limits = null) =>
        LoadEach(paths, limits).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();

    /// <summary>
    /// As <see cref="LoadAll"/>, one file at a time (skipped entries first, then the files in order), so a
    /// caller can stop between files.
    /// </summary>
    public static IEnumerable<DatasetLoadResult> LoadEach(IEnumerable<string> paths, DatasetLimits? limits = null)
    {
        var listing = DatasetFiles.List(paths);
        foreach (var skipped in listing.Skipped)
        {
            yield return new DatasetLoadResult(skipped.Path, null, [skipped]);
        }

        foreach (var file in listing.Files)
        {
            yield return LoadGuarded(file, limits);
        }
    }

    /// <summary>
    /// A defect of ours that one file triggers must not cost the user the other files: it becomes that
    /// file's problem, named so it can be reported.
    /// </summary>
    private static DatasetLoadResult LoadGuarded(string path, DatasetLimits? limits)
    {
        try
        {
            return Load(path, limits);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new DatasetLoadResult(path, null, [new DatasetProblem(path, 0, $"could not be read ({e.GetType().Name}: {e.Message}); the other files were still loaded; please report this file")]);
        }
    }

    public static DatasetLoadResult Load(string path, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        var problems = new List<DatasetProblem>();
        if (FileKind.Of(path) == FileKindValue.Regular && !IsDatasetFile(path))
        {
            problems.Add(new DatasetProblem(path, 0, $"unsupported file type '{Path.GetExtension(path)}', expected one of: {string.Join(", ", Extensions)}"));
            return new DatasetLoadResult(path, null, problems);
        }

        return ReadBytes(path, limits, problems) is { } bytes
            ? Parse(path, bytes, limits)
            : new DatasetLoadResult(path, null, problems);
    }

    /// <summary>
    /// The file's bytes, or null with the problem recorded: a path that is not a regular dataset file
    /// (a FIFO would make the read wait forever, a device never ends) or is over the size limit is
    /// refused before it is opened.
    /// </summary>
    public static byte[]? ReadBytes(string path, DatasetLimits limits, List<DatasetProblem> problems)
    {
        var kind = FileKind.Of(path);
        if (kind != FileKindValue.Regular)
        {
            problems.Add(new DatasetProblem(path, 0, kind switch
            {
                FileKindValue.Missing => "no such file",
                FileKindValue.Directory => "is a folder, expected a dataset file",
                _ => $"is {FileKind.Describe(kind)}, expected a regular dataset file; not read",
            }));
            return null;
        }

        if (new FileInfo(path).Length is var size && size > limits.MaxFileBytes)
        {
            problems.Add(new DatasetProblem(path, 0, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the file is {size / (1024.0 * 1024):N1} MB, expected at most {limits.MaxFileBytes / (1024.0 * 1024):N1} MB ({DatasetLimits.MaxFileMegabytesVariable} raises the limit); not read")));
            return null;
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new DatasetProblem(path, 0, $"cannot read the file: {e.Message}"));
            return null;
        }
    }

    /// <summary>
    /// A dataset from its file's bytes (as read now, or as snapshotted when a run was planned, so every
    /// chunk of a run sees the same version whatever happens to the file meanwhile).
    /// </summary>
    public static DatasetLoadResult Parse(string path, byte[] bytes, DatasetLimits? limits = null)
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
            (items, description) = YamlDatasetReader.Read(path, bytes, problems, (limits ?? DatasetLimits.Default).YamlLimits);
        }

        var warnings = new List<DatasetProblem>();
        items = EvalsRepeats.Drop(path, items, warnings, problems);
        ReportDuplicateIds(path, items, problems);
        if (problems.Count > 0)
        {
            return new DatasetLoadResult(path, null, problems.OrderBy(p => p.Line).ToList()) { Warnings = warnings };
        }

        var name = Path.GetFileNameWithoutExtension(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new DatasetLoadResult(path, new GoldenDataset(name, path, description, items, hash), problems) { Warnings = warnings };
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
