using SloQuality.Core.Slo;
using SloQuality.Jobs.Telemetry;

namespace SloQuality.Server;

/// <summary>
/// Keeps the SLO gauges of <c>/metrics</c> current: folds the SLOs from the store at start and every
/// SLOQ_METRICS_REFRESH_SECONDS, so a scrape never waits for a fold and never shows a stale budget for long.
/// </summary>
internal sealed class SloGaugeRefresher(ISloSliceStore slices, SloqMetrics metrics, ServerSettings settings, TimeProvider time, ILogger<SloGaugeRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.MetricsRefreshSeconds), time);
        do
        {
            try
            {
                var (set, problems) = SloCatalog.Load(settings.ConfigFolder);
                if (problems.Count == 0)
                {
                    var fold = await SloFoldService.Create(slices, time, settings.ConfigFolder).FoldAsync(set, stoppingToken).ConfigureAwait(false);
                    metrics.Publish(set, fold.Current);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("the SLO gauges were not refreshed: {Problem}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
