using Hangfire;
using Hangfire.Dashboard;
using Microsoft.OpenApi;
using SloQuality.Jobs;
using SloQuality.Server.Web;

namespace SloQuality.Server;

/// <summary>
/// The web role's application: services, then every endpoint with its <see cref="AccessRule"/>, all
/// decided by <see cref="AccessMiddleware"/>. Built here so the process and the route-table test build
/// the same thing.
/// </summary>
public sealed class ServerApp : IAsyncDisposable
{
    private readonly IAsyncDisposable? simulator;

    private ServerApp(WebApplication app, ServerSettings settings, IAsyncDisposable? simulator)
    {
        App = app;
        Settings = settings;
        this.simulator = simulator;
    }

    public WebApplication App { get; }

    public ServerSettings Settings { get; }

    public static async Task<ServerApp> BuildAsync(string[] args, ILogger logger)
    {
        var builder = WebApplication.CreateBuilder(args);
        LogDefaults.Apply(builder.Configuration);
        builder.Configuration.AddEnvironmentVariables("SLOQ_");
        var (settings, store) = await Bootstrap.StoreAsync(builder.Configuration, "server").ConfigureAwait(false);
        var simulator = settings.SimulatorUrl is null ? await SimulatorLauncher.StartAsync(settings.ConfigFolder, settings.DatasetsFolder, logger).ConfigureAwait(false) : null;
        builder.Services.AddSloQuality(settings, store, settings.SimulatorUrl ?? simulator?.BaseUri);
        builder.Services.AddSingleton<Access>();
        // Hangfire's dashboard checks an antiforgery token on every POST once IAntiforgery is registered.
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // The default lists the request's Host header as the server: a forged Host would be echoed back.
            document.Servers = [];
            return Task.CompletedTask;
        }));
        builder.Services.AddHostedService<SloGaugeRefresher>();
        if (settings.FirstRun)
        {
            builder.Services.AddHostedService<NewDatasetWatcher>();
        }

        var app = builder.Build();
        var access = app.Services.GetRequiredService<Access>();
        SloDashboardPage.Register();
        SignoffDashboardPage.Register();
        JobPageLinks.Register();
        app.UseRouting();
        app.UseSloQualityAccess(access);
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "SloQuality",
            Authorization = [new DashboardAuthorization(access)],
            IsReadOnlyFunc = context => access.Of(context.GetHttpContext()) == Access.Level.ReadOnly,
        }).WithMetadata(AccessRule.ReadOnlyReads with { Writes = Access.Level.ReadOnly });
        app.MapGet("/", () => Results.Redirect("/hangfire")).WithMetadata(AccessRule.Anonymous);
        app.MapOpenApi("/api/openapi.json").WithMetadata(AccessRule.ReadOnlyReads);
        app.MapSloQualityApi();
        app.MapSloQualityPages();
        app.MapSloQualityMetrics(settings);
        return new ServerApp(app, settings, simulator);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        if (simulator is not null)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
