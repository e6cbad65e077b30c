using SloQuality.Core.Evaluation;
using SloQuality.Jobs;

namespace SloQuality.Server.Web;

/// <summary>The service's pages beside the dashboard: a run, the reports, a comparison. Any credential reads them.</summary>
public static class WebEndpoints
{
    public static void MapSloQualityPages(this WebApplication app)
    {
        var pages = app.MapGroup(string.Empty).WithMetadata(AccessRule.ReadOnlyReads).ExcludeFromDescription();
        pages.MapGet("/runs/{runId}", (string runId, string? outcome, IResultStore results, IRunChunkStore chunks, DatasetCatalog catalog, JobsOptions options, DriftServices drift, CancellationToken ct) =>
            RunPage.RenderAsync(runId, outcome, results, chunks, catalog, options, drift, ct));
        pages.MapGet("/reports", (IResultStore results, TimeProvider time, ServerSettings settings, CancellationToken ct) =>
            ReportsPage.ListAsync(results, time, settings, ct));
        pages.MapGet("/reports/{kind}/{period}", (string kind, string period, HttpContext context, ServerSettings settings, TimeProvider time, CancellationToken ct) =>
            ReportsPage.ShowAsync(kind, period, context.RequestServices, settings, time, ct));
        pages.MapGet("/compare", (string? a, string? b, IResultStore results, IRunChunkStore chunks, DatasetCatalog catalog, JobsOptions options, DriftServices drift, CancellationToken ct) =>
            ComparePage.RenderAsync(a, b, results, chunks, catalog, options, drift, ct));
    }
}
