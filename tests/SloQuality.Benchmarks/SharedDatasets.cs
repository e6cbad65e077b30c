namespace SloQuality.Benchmarks;

/// <summary>The public reference data beside the checkout (<c>../shared/datasets</c>); never copied into it.</summary>
internal static class SharedDatasets
{
    public static string File(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([SloQuality.Tests.Shared.RepositoryRoot.Path, "..", "shared", "datasets", .. parts]));
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path}: the shared reference data is missing; this benchmark reads it from ../shared/datasets beside the checkout", path);
    }
}
