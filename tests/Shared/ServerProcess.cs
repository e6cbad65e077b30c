using System.Diagnostics;
using System.Net.Sockets;
using System.Net;

namespace SloQuality.Tests.Shared;

/// <summary>
/// The real service as its own process (<c>dotnet SloQuality.Server.dll</c> from its build folder),
/// configured only through <c>SLOQ_</c> environment variables, in Production unless told otherwise.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessLog log;

    private ServerProcess(Process process, Uri? baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
        log = new ProcessLog(process);
    }

    public Uri? BaseUri { get; }

    public int Id => process.Id;

    public string Log => log.Text;

    public static string ServerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryRoot.Path, "src", "SloQuality.Server", "bin", configuration, "net10.0", "SloQuality.Server.dll");
        }
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string role = "server")
    {
        int? port = role == "server" ? FreePort() : null;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerDll);
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(role);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["SLOQ_FIRST_RUN"] = "false";
        if (port is { } p)
        {
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p}";
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("DOTNET_DiagnosticPorts");
        var server = new ServerProcess(Process.Start(start)!, port is { } q ? new Uri($"http://127.0.0.1:{q}") : null);
        if (server.BaseUri is not null)
        {
            await server.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        }

        return server;
    }

    /// <summary>The exit code, once the process has ended by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return process.ExitCode;
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                await http.GetAsync(new Uri(BaseUri!, "/api/openapi.json"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"the server did not listen within {timeout}:\n{Log}");
    }


    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
