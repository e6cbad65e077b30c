namespace SloQuality.Tests.Shared;

/// <summary>
/// The public reference data beside the checkout (<c>../shared</c>: datasets, OpenSLO's JSON schema), read
/// from there and never copied into the repository. <c>SLOQ_SHARED</c> names it when the checkout is
/// elsewhere (CI exports it).
/// </summary>
internal static class SharedReferenceData
{
    public static string Path(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("SLOQ_SHARED") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(RepositoryRoot.Path, "..", "shared");
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine([root, .. parts]));
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path}: the shared reference data is missing; it is read from ../shared beside the checkout or from SLOQ_SHARED", path);
    }
}
