using Hangfire.Dashboard;
using Hangfire;
using SloQuality.Jobs;
using SloQuality.Server;

// The SloQuality service. Role "server" (default): dashboard at /hangfire, API at /api, and a Hangfire
// server. Role "worker": a Hangfire server only, no web UI, for more machines sharing PostgreSQL.
var role = args.SkipWhile(a => a != "--role").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("SLOQ_ROLE") ?? "server";
var rest = args.Where((a, i) => a != "--role" && (i == 0 || args[i - 1] != "--role")).ToArray();
if (role is not ("server" or "worker"))
{
    Console.Error.WriteLine($"sloquality-server: --role '{role}' is not known, expected server or worker");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
var logger = loggerFactory.CreateLogger("SloQuality.Server");

if (role == "worker")
{
    // A worker has no UI; it serves only its own /metrics, and only when SLOQ_METRICS_URLS says where.
    var host = WebApplication.CreateBuilder(rest);
    host.Configuration.AddEnvironmentVariables("SLOQ_");
    var (workerSettings, workerStore) = await Bootstrap.StoreAsync(host.Configuration, role);
    await using var workerSimulator = workerSettings.SimulatorUrl is null ? await SimulatorLauncher.StartAsync(workerSettings.ConfigFolder, workerSettings.DatasetsFolder, logger) : null;
    host.Services.AddSloQuality(workerSettings, workerStore, workerSettings.SimulatorUrl ?? workerSimulator?.BaseUri);
    host.Services.AddSingleton<Access>();
    if (workerSettings.MetricsUrls is { Length: > 0 } urls)
    {
        host.WebHost.UseUrls(urls.Split(';', ','));
    }
    else
    {
        host.WebHost.UseUrls("http://127.0.0.1:0");
    }

    var worker = host.Build();
    worker.MapSloQualityMetrics(worker.Services.GetRequiredService<Access>(), workerSettings);
    await worker.RunAsync();
    return 0;
}

var builder = WebApplication.CreateBuilder(rest);
builder.Configuration.AddEnvironmentVariables("SLOQ_");
var (settings, store) = await Bootstrap.StoreAsync(builder.Configuration, role);
await using var simulator = settings.SimulatorUrl is null ? await SimulatorLauncher.StartAsync(settings.ConfigFolder, settings.DatasetsFolder, logger) : null;
builder.Services.AddSloQuality(settings, store, settings.SimulatorUrl ?? simulator?.BaseUri);
builder.Services.AddSingleton<Access>();
builder.Services.AddOpenApi();
builder.Services.AddHostedService<SloGaugeRefresher>();

var app = builder.Build();
var access = app.Services.GetRequiredService<Access>();
SloDashboardPage.Register();
SignoffDashboardPage.Register();
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    DashboardTitle = "SloQuality",
    Authorization = [new DashboardAuthorization(access)],
    IsReadOnlyFunc = context => access.Of(context.GetHttpContext()) == Access.Level.ReadOnly,
});
app.MapGet("/", () => Results.Redirect("/hangfire"));
app.MapOpenApi("/api/openapi.json");
app.MapSloQualityApi(access);
app.MapSloQualityMetrics(access, settings);

foreach (var problem in app.Services.GetRequiredService<ScheduleRegistrar>().Register())
{
    logger.LogError("schedule problem: {Problem}", problem.ToString());
}

using var watcher = ScheduleWatcher.Watch(settings.ConfigFolder, app.Services, logger);
await FirstRun.StartIfEmptyAsync(app.Services, settings, logger);
await app.RunAsync();
return 0;
