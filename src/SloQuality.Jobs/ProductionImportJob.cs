using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using SloQuality.Core.Production;
using SloQuality.Core.Slo;

namespace SloQuality.Jobs;

/// <summary>
/// Imports production latency and availability SLIs of every target in <c>production.yaml</c> from
/// Prometheus, re-reading the configured look-back each time (an import replaces its slices, so a
/// retried or overlapping run counts nothing twice). One target's failure does not stop the others.
/// </summary>
public sealed class ProductionImportJob(ISloSliceStore slices, HttpClient http, JobsOptions options, TimeProvider time, ILogger<ProductionImportJob> logger)
{
    [DisplayName("import production SLIs from Prometheus")]
    [AutomaticRetry(Attempts = 1)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var (settings, problems) = ProductionConfiguration.Load(options.ConfigFolder);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{ProductionConfiguration.FileName} is invalid:\n" + string.Join("\n", problems));
        }

        if (!settings.Enabled)
        {
            return "production import is off (no targets or no Prometheus URL)";
        }

        var importer = new ProductionImporter(new PrometheusClient(http, settings.PrometheusUrl!), slices);
        var now = time.GetUtcNow();
        var failed = new List<string>();
        var result = new List<string>();
        foreach (var target in settings.Targets)
        {
            try
            {
                var import = await importer.ImportAsync(target, now - settings.Lookback, now, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("imported {Slices} slices ({Requests} requests) of {Target} from Prometheus", import.Slices, import.Requests, target.Target);
                result.Add($"{target.Target}: {import.Slices} slices, {import.Requests} requests");
                if (import.EmptyLine is { } empty)
                {
                    // The job's result shows it in the dashboard; the log keeps it.
                    logger.LogWarning("{Empty}", empty);
                    result.Add(empty);
                }
            }
            catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failed.Add($"{target.Target}: {e.Message}");
            }
        }

        if (failed.Count > 0)
        {
            throw new InvalidOperationException("the import failed for:\n" + string.Join("\n", failed));
        }

        return string.Join("\n", result);
    }
}
