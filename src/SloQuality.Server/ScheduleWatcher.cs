using SloQuality.Jobs;

namespace SloQuality.Server;

/// <summary>Declares the schedules again whenever <c>jobs/schedules.yaml</c> changes (added, edited or deleted).</summary>
public static class ScheduleWatcher
{
    public static FileSystemWatcher? Watch(string configFolder, IServiceProvider services, ILogger logger)
    {
        if (!Directory.Exists(configFolder))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(configFolder, ScheduleCatalog.FileName) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        var gate = new object();
        void Reload(object? sender, FileSystemEventArgs e)
        {
            lock (gate)
            {
                // Editors write in several steps; a short pause lets the file settle.
                Thread.Sleep(200);
                foreach (var problem in services.GetRequiredService<ScheduleRegistrar>().Register())
                {
                    logger.LogError("schedule problem: {Problem}", problem.ToString());
                }

                logger.LogInformation("schedules declared again after {Change} of {File}", e.ChangeType, e.Name);
            }
        }

        watcher.Changed += Reload;
        watcher.Created += Reload;
        watcher.Deleted += Reload;
        watcher.Renamed += (s, e) => Reload(s, e);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
