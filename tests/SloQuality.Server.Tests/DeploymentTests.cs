using System.Diagnostics;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The compose stack and the Prometheus configuration, checked by the tools that will run them:
/// Debian's docker-compose and Prometheus' promtool (both installed by <c>.ci/run</c>; missing is a failure).
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string ComposeFile = Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    [Fact]
    public async Task TheComposeFileIsValidWithTheExampleSettings()
    {
        var (code, output) = await RunAsync("docker-compose", "--env-file", Path.Combine(RepositoryRoot.Path, "deploy", "compose.env.example"), "-f", ComposeFile, "config");

        Assert.True(code == 0, output);
        foreach (var service in new[] { "postgres:", "server:", "worker:", "simulator:", "prometheus:", "grafana:" })
        {
            Assert.Contains("  " + service, output, StringComparison.Ordinal);
        }

        Assert.Contains("replicas: 2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("change-me", File.ReadAllText(ComposeFile), StringComparison.Ordinal);   // no default password anywhere
    }

    [Fact]
    public async Task TheComposeFileRefusesToStartWithoutItsSecrets()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var (code, output) = await RunAsync("docker-compose", "--env-file", empty, "-f", ComposeFile, "config", "-q");

            Assert.NotEqual(0, code);
            Assert.Contains("in .env", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task ThePrometheusConfigurationPassesPromtool()
    {
        var (code, output) = await RunAsync("promtool", "check", "config", Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "prometheus.yml"));

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var path = new[] { "/usr/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} is missing: .ci/run installs it (apt-get install -y --no-install-recommends docker-compose prometheus)");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the settings of the env file count, not whatever the machine happens to export.
        foreach (var name in new[] { "SLOQ_DASHBOARD_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "POSTGRES_PASSWORD" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
