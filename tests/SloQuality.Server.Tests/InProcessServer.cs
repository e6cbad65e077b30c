using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SloQuality.Tests.Shared;

namespace SloQuality.Server.Tests;

/// <summary>
/// The web role built by <see cref="ServerApp"/> in this process, in Production (credentials needed),
/// on SQLite and in-memory Hangfire with an empty datasets folder, listening on a free loopback port.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly string folder;

    private InProcessServer(string folder, ServerApp server, HttpClient http)
    {
        this.folder = folder;
        Server = server;
        Http = http;
    }

    public ServerApp Server { get; }

    /// <summary>A client that does not follow redirects, so each response is the endpoint's own.</summary>
    public HttpClient Http { get; }

    public string DatasetsFolder => Path.Combine(folder, "datasets");

    public static async Task<InProcessServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sloq-inproc-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "datasets"));
        var server = await ServerApp.BuildAsync(
        [
            "--environment=Production", "--urls=http://127.0.0.1:0", $"--STORE={Path.Combine(folder, "results.db")}", $"--OUT={Path.Combine(folder, "out")}",
            $"--DATASETS={Path.Combine(folder, "datasets")}", $"--CONFIG={Path.Combine(RepositoryRoot.Path, "jobs")}", "--SIMULATOR_URL=http://127.0.0.1:9", "--FIRST_RUN=false",
            "--DASHBOARD_USER=admin", "--DASHBOARD_PASSWORD=correct horse", "--DASHBOARD_READONLY_USER=viewer", "--DASHBOARD_READONLY_PASSWORD=look only",
        ], NullLogger.Instance);
        await server.App.StartAsync();
        var address = server.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessServer(folder, server, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) });
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Admin => Basic("admin", "correct horse");

    public static AuthenticationHeaderValue Viewer => Basic("viewer", "look only");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.App.StopAsync();
        await Server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
