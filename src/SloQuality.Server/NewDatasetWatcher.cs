using SloQuality.Jobs;

namespace SloQuality.Server;

/// <summary>
/// A dataset dropped into the datasets folder while the service runs gets its first run at once (every
/// schedule that covers it), as an empty store does at start-up, instead of at its schedule's next tick.
/// A dataset counts as new the first time it is valid: a file fixed after being invalid is new then.
/// The folder is looked at every <see cref="Interval"/> (polling: file watchers miss events on some
/// file systems and editors write in steps).
/// </summary>
internal sealed class NewDatasetWatcher(IServiceProvider services, ServerSettings settings, DatasetCatalog catalog, TimeProvider time, ILogger<NewDatasetWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var known = ValidNames();
        var files = Files();
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                // Reading every dataset is the costly part; the listing says whether anything changed.
                if (Files() is var listing && listing == files)
                {
                    continue;
                }

                files = listing;
                var now = ValidNames();
                var added = now.Where(n => !known.Contains(n)).ToHashSet(StringComparer.Ordinal);
                known.UnionWith(now);
                if (added.Count > 0)
                {
                    logger.LogInformation("new dataset {Datasets}: starting its first run", string.Join(", ", added.Order(StringComparer.Ordinal)));
                    await FirstRun.StartAsync(services, settings, logger, added).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("new datasets were not looked for: {Problem}", e.Message);
            }
        }
    }

    private string Files() => !Directory.Exists(settings.DatasetsFolder) ? string.Empty
        : string.Join('\n', new DirectoryInfo(settings.DatasetsFolder).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}\u0001{f.Length}\u0001{f.LastWriteTimeUtc.Ticks}"));

    private HashSet<string> ValidNames() => catalog.LoadAll().Where(d => d.IsValid).Select(d => d.Dataset!.Name).ToHashSet(StringComparer.Ordinal);
}
