using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

public sealed class SettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sloq-settings-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("SLOQ_RETENTION_DAYS", "3", "sloquality-server: SLOQ_RETENTION_DAYS '3' must be a whole number of days from 7 to 36500")]
    [InlineData("SLOQ_STORAGE", "mysql", "sloquality-server: SLOQ_STORAGE 'mysql' is not known, expected sqlite or postgres")]
    public async Task ABadSettingStopsTheServiceWithExitTwoAndSaysWhichAndWhy(string name, string value, string expected)
    {
        await using var worker = await ServerProcess.StartAsync(
            new Dictionary<string, string> { [name] = value, ["SLOQ_STORE"] = Path.Combine(folder, "results.db"), ["SLOQ_OUT"] = Path.Combine(folder, "out") },
            role: "worker");

        var exit = await worker.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains(expected, worker.Log);
        Assert.DoesNotContain("Unhandled exception", worker.Log);
    }
}
