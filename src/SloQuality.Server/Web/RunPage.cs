using System.Text;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Jobs;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// <c>/runs/{id}</c>: the run's report as report.html holds it, then its items filtered by outcome
/// (<c>?outcome=hallucinated</c>: links, no script) with prompt, reference, output and reasons side by side.
/// </summary>
internal static class RunPage
{
    public static async Task<IResult> RenderAsync(string runId, string? outcome, IResultStore results, IRunChunkStore chunks, DatasetCatalog catalog, JobsOptions options, DriftServices drift, CancellationToken ct)
    {
        if (await results.GetStoredRunAsync(runId, ct).ConfigureAwait(false) is not { } stored)
        {
            return WebPage.NotFound($"no run '{runId}' in the result store");
        }

        var run = stored.Run;
        var items = await results.GetItemResultsAsync(run.RunId, ct).ConfigureAwait(false);
        var (dataset, note) = await RunItems.DatasetAsync(run, chunks, catalog, options, ct).ConfigureAwait(false);
        var html = new StringBuilder();
        if (stored.SummaryJson is { } json && SummaryJson.Deserialize(json) is { } summary)
        {
            html.Append(Body(summary, dataset, items, null, withItems: false));
        }
        else
        {
            html.Append("<h1>").Append(E(run.DatasetName)).Append(" on ").Append(E(run.ModelTarget)).Append("</h1><p class=\"warn\">")
                .Append(E($"{run.Status}: {items.Count} of {run.PlannedItems} items stored so far; the figures come when the run completes")).Append("</p>");
        }

        html.Append("<p class=\"meta\">").Append(E($"origin {run.Origin} · started {run.StartedAt:u}"))
            .Append(" · <a href=\"/api/runs/").Append(E(Uri.EscapeDataString(run.RunId))).Append("\">run JSON</a>")
            .Append(" · <a href=\"/api/runs/").Append(E(Uri.EscapeDataString(run.RunId))).Append("/items\">items JSON</a>");
        if (await PreviousAsync(results, run, ct).ConfigureAwait(false) is { } previous)
        {
            html.Append(" · <a href=\"/compare?a=").Append(E(Uri.EscapeDataString(previous))).Append("&amp;b=").Append(E(Uri.EscapeDataString(run.RunId)))
                .Append("\">compare with the previous run</a>");
        }

        html.Append("</p>");
        AppendItems(html, run.RunId, items, dataset, note, outcome, drift.Options.ItemThreshold);
        return WebPage.Html($"{run.DatasetName} on {run.ModelTarget}", html.ToString());
    }

    private static void AppendItems(StringBuilder html, string runId, IReadOnlyList<ItemResult> items, Core.Datasets.GoldenDataset dataset, string? note, string? outcome, double driftThreshold)
    {
        var slowFrom = ItemOutcomes.SlowFrom(items);
        var chosen = outcome is not null && ItemOutcomes.All.Contains(outcome, StringComparer.Ordinal) ? outcome : null;
        html.Append("<h2>Items</h2><p class=\"filters\">");
        Filter(html, runId, null, "all", items.Count, chosen is null);
        foreach (var o in ItemOutcomes.All)
        {
            Filter(html, runId, o, o, items.Count(r => ItemOutcomes.Is(r, o, driftThreshold, slowFrom)), chosen == o);
        }

        html.Append("</p><p class=\"legend\">").Append(E($"drifted: similarity to the baseline under {driftThreshold}; slow: time to first token at or over the run's 90th percentile"
            + (slowFrom is { } s ? $" ({s:0} ms)" : " (needs 10 timed items)"))).Append("</p>");
        if (note is not null)
        {
            html.Append("<p class=\"warn\">").Append(E(note)).Append("</p>");
        }

        var shown = items.Where(r => chosen is null || ItemOutcomes.Is(r, chosen, driftThreshold, slowFrom)).ToList();
        if (shown.Count == 0)
        {
            html.Append("<p class=\"ok\">").Append(E(chosen is null ? "No item stored yet." : $"No item is {chosen}.")).Append("</p>");
            return;
        }

        HtmlReport.AppendItems(html, shown, ReportFigures.ItemsById(dataset));
    }

    private static void Filter(StringBuilder html, string runId, string? outcome, string label, int count, bool on)
    {
        var href = $"/runs/{Uri.EscapeDataString(runId)}" + (outcome is null ? string.Empty : $"?outcome={outcome}");
        html.Append("<a href=\"").Append(E(href)).Append('"').Append(on ? " class=\"on\"" : string.Empty).Append('>').Append(E($"{label} ({count})")).Append("</a>");
    }

    /// <summary>The latest earlier completed run of the same dataset on the same target within 30 days.</summary>
    private static async Task<string?> PreviousAsync(IResultStore results, RunRecord run, CancellationToken ct) =>
        (await results.GetRunsAsync(run.StartedAt.AddDays(-30), run.StartedAt, ct).ConfigureAwait(false))
            .Select(r => r.Run)
            .LastOrDefault(r => r.RunId != run.RunId && r.DatasetName == run.DatasetName && r.ModelTarget == run.ModelTarget && r.Status == RunRecord.Completed)?.RunId;
}
