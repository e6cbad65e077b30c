namespace SloQuality.Tests.Shared;

/// <summary>
/// The sample datasets the repository ships, by name: a user adds datasets to <c>golden-datasets/</c>
/// as the README invites, and a test about the samples must not count theirs.
/// </summary>
internal static class SampleDatasets
{
    public static readonly IReadOnlyList<string> Files = ["customer-support.yaml", "factual-qa.jsonl", "invoice-extraction.jsonl"];

    public static IEnumerable<string> Paths => Files.Select(f => Path.Combine(RepositoryRoot.Path, "golden-datasets", f));

    /// <summary>A folder holding copies of the samples and nothing else, for commands that take a folder.</summary>
    public static string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var path in Paths)
        {
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)), overwrite: true);
        }

        return folder;
    }
}
