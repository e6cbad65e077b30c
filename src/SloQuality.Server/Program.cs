using SloQuality.Jobs;
using SloQuality.Server;
using SloQuality.Storage;

// Time to first token is stamped when a chunk is read: a thread pool starved by start-up work must not
// make a read wait for a thread (the pool adds one only every half second or so).
ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, 64), ioThreads);

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
    LogDefaults.Apply(host.Configuration);
    host.Configuration.AddEnvironmentVariables("SLOQ_");
    ServerSettings workerSettings;
    SqlResultStore workerStore;
    try
    {
        (workerSettings, workerStore) = await Bootstrap.StoreAsync(host.Configuration, role);
    }
    catch (SettingsException e)
    {
        Console.Error.WriteLine($"sloquality-server: {e.Message}");
        return 2;
    }

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
    worker.UseRouting();
    worker.UseSloQualityAccess(worker.Services.GetRequiredService<Access>());
    worker.MapSloQualityMetrics(workerSettings);
    await worker.RunAsync();
    return 0;
}

ServerApp built;
try
{
    built = await ServerApp.BuildAsync(rest, logger);
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"sloquality-server: {e.Message}");
    return 2;
}

await using var server = built;
var (app, settings) = (server.App, server.Settings);
foreach (var problem in app.Services.GetRequiredService<ScheduleRegistrar>().Register())
{
    logger.LogError("schedule problem: {Problem}", problem.ToString());
}

using var watcher = ScheduleWatcher.Watch(settings.ConfigFolder, app.Services, logger);
if (settings.Storage == ServerSettings.Sqlite)
{
    // Hangfire.InMemory lost the queue of a killed process; the result store did not lose the runs.
    foreach (var line in await app.Services.GetRequiredService<InterruptedRuns>().ResumeAsync(CancellationToken.None))
    {
        logger.LogInformation("{Line}", line);
    }
}

await FirstRun.StartIfEmptyAsync(app.Services, settings, logger);
await app.RunAsync();
return 0;
