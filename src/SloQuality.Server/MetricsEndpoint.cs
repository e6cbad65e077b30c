namespace SloQuality.Server;

/// <summary>
/// <c>/metrics</c> in Prometheus text format (OpenTelemetry's exporter). It needs a credential like the
/// API (a read-only one is enough) unless SLOQ_METRICS_ANONYMOUS=true opens it for a scrape inside a
/// private network; it holds figures and names only, never an API key or a model output.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Decided by <see cref="AccessMiddleware"/> through the endpoint's rule, whatever the path's case.</summary>
    public static void MapSloQualityMetrics(this WebApplication app, ServerSettings settings) =>
        app.MapPrometheusScrapingEndpoint(Path).WithMetadata(settings.MetricsAnonymous ? AccessRule.Anonymous : AccessRule.ReadOnlyReads);
}
