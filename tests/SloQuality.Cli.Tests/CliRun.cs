namespace SloQuality.Cli.Tests;

/// <summary>Runs <c>sloq</c> in-process with captured output, in a throwaway folder.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sloq-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public static string RepositoryRoot => SloQuality.Tests.Shared.RepositoryRoot.Path;

    /// <summary>A path inside the checkout (jobs/, golden-datasets/).</summary>
    public static string Repo(params string[] parts) => System.IO.Path.Combine([RepositoryRoot, .. parts]);

    public string Path(params string[] parts) => System.IO.Path.Combine([Folder, .. parts]);

    public string Write(string name, string text)
    {
        var file = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SloqApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
