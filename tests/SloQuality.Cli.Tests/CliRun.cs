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

    /// <summary>Runs the built <c>sloq</c> in a process of its own (every code path cold), with extra environment variables.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunProcessAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repo("src", "SloQuality.Cli", "bin", configuration, "net10.0", "sloq.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
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
