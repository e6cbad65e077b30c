using SloQuality.Storage;

namespace SloQuality.Server;

/// <summary>Settings from the configuration, and the result store they name, migrated and ready.</summary>
public static class Bootstrap
{
    public static async Task<(ServerSettings Settings, SqlResultStore Store)> StoreAsync(IConfiguration configuration, string role)
    {
        var settings = ServerSettings.From(configuration) with { Role = role };
        var store = ServiceSetup.CreateStore(settings);
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        return (settings, store);
    }
}
