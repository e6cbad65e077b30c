using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SloQuality.Tests.Shared;

/// <summary>
/// A PostgreSQL cluster of Debian's packages in a temporary folder on 127.0.0.1, run as the
/// <c>postgres</c> user, durability off (fsync, synchronous commit, full pages): it starts in about a
/// second and disappears with the folder. A missing PostgreSQL is an error, never a skipped test.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string binaries;

    private ThrowawayPostgres(string binaries, string folder, int port)
    {
        this.binaries = binaries;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=30;Command Timeout=600";

    public static ThrowawayPostgres Start()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/pg_ctl): apt-get install -y postgresql (.ci/run does)");
        }

        var folder = Path.Combine(Path.GetTempPath(), "sloq-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        Run("chown", "postgres:postgres", folder);
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        RunAsPostgres(Path.Combine(binaries, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        RunAsPostgres(Path.Combine(binaries, "pg_ctl"), "-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
        return new ThrowawayPostgres(binaries, folder, port);
    }

    /// <summary><c>pg_ctl restart</c>: every connection drops, the server is back when this returns.</summary>
    public void Restart() =>
        RunAsPostgres(Path.Combine(binaries, "pg_ctl"), "-D", Path.Combine(Folder, "data"), "-m", "fast", "-w", "-t", "60", "restart");

    public void Dispose()
    {
        try
        {
            RunAsPostgres(Path.Combine(binaries, "pg_ctl"), "-D", Path.Combine(Folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static void RunAsPostgres(string program, params string[] args) => Run("runuser", ["-u", "postgres", "--", program, .. args]);

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
