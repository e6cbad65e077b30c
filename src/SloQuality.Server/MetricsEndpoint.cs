namespace SloQuality.Server;

/// <summary>
/// <c>/metrics</c> in Prometheus text format (OpenTelemetry's exporter). It needs a credential like the
/// API (a read-only one is enough) unless SLOQ_METRICS_ANONYMOUS=true opens it for a scrape inside a
/// private network; it holds figures and names only, never an API key or a model output.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void MapSloQualityMetrics(this WebApplication app, Access access, ServerSettings settings)
    {
        app.UseWhen(c => c.Request.Path.Equals(Path, StringComparison.Ordinal) && !settings.MetricsAnonymous, branch => branch.Use(async (context, next) =>
        {
            if (access.Of(context) == Access.Level.None)
            {
                Access.Challenge(context);
                return;
            }

            await next(context).ConfigureAwait(false);
        }));
        app.MapPrometheusScrapingEndpoint(Path);
    }
}
