namespace SloQuality.Core.Datasets;

/// <summary>The dataset files under some paths, and the entries that were skipped with the reason.</summary>
public sealed record DatasetFileListing(IReadOnlyList<string> Files, IReadOnlyList<DatasetProblem> Skipped);

/// <summary>
/// Walks dataset folders without trusting them: a symbolic link is followed only when it stays inside
/// the folder it was found in, a folder reached twice (a link loop) is walked once, and nothing is
/// opened while walking, so a FIFO or a device cannot make the walk wait.
/// </summary>
public static class DatasetFiles
{
    public static DatasetFileListing List(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var skipped = new List<DatasetProblem>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                Walk(path, files, skipped);
            }
            else
            {
                files.Add(path);
            }
        }

        return new DatasetFileListing(files, skipped);
    }

    private static void Walk(string root, List<string> files, List<DatasetProblem> skipped)
    {
        var rootReal = FileKind.RealPath(root) ?? Path.GetFullPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var folder))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new DatasetProblem(folder, 0, $"cannot list this folder ({e.Message}); its datasets were skipped"));
                continue;
            }

            foreach (var entry in entries)
            {
                var isLink = entry.LinkTarget is not null;
                var real = FileKind.RealPath(entry.FullName);
                var isFolder = entry is DirectoryInfo;
                if (!isFolder && !GoldenDatasetLoader.IsDatasetFile(entry.Name))
                {
                    continue;
                }

                if (real is null)
                {
                    skipped.Add(new DatasetProblem(entry.FullName, 0, "is a symbolic link that leads nowhere (a broken link); skipped"));
                }
                else if (!IsInside(real, rootReal))
                {
                    skipped.Add(new DatasetProblem(entry.FullName, 0, $"{(isLink ? "is a symbolic link that leads" : "lies behind a symbolic link that leads")} outside {root}; skipped, not read (a dataset link must stay inside its folder)"));
                }
                else if (isFolder && !visited.Add(real))
                {
                    skipped.Add(new DatasetProblem(entry.FullName, 0, "is a folder already listed (a symbolic link loop?); skipped so no file is listed twice"));
                }
                else if (isFolder)
                {
                    pending.Push(entry.FullName);
                }
                else
                {
                    found.Add(entry.FullName.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal)
                        ? Path.Combine(root, Path.GetRelativePath(Path.GetFullPath(root), entry.FullName))
                        : entry.FullName);
                }
            }
        }

        files.AddRange(found.OrderBy(f => f, StringComparer.Ordinal));
    }

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
