using Microsoft.Extensions.Configuration.Memory;

namespace SloQuality.Server;

/// <summary>
/// What the service logs unless told otherwise: our own lines (runs started and finished, datasets
/// found invalid, schedules changed) at Information, and the frameworks' only from Warning: ASP.NET
/// Core logged every request twice at Information, HttpClient every model call, Hangfire its start-up.
/// Inserted as the first configuration source, so appsettings, <c>Logging__LogLevel__...</c> variables
/// and <c>--Logging:LogLevel:...</c> arguments still override every level.
/// </summary>
internal static class LogDefaults
{
    public static void Apply(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Hangfire"] = "Warning",
            },
        });
}
