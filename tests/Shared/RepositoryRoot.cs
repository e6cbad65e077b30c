namespace SloQuality.Tests.Shared;

/// <summary>The checkout's root (the folder holding SloQuality.sln), for tests that read the shipped files.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "SloQuality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SloQuality.sln not found above " + AppContext.BaseDirectory);
    }
}
