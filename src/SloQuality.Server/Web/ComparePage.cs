using System.Text;
using SloQuality.Core.Comparison;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Signoff;
using SloQuality.Jobs;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// <c>/compare?a=RUN&amp;b=RUN</c>: two runs of one dataset side by side, as <c>sloq compare</c> prints them:
/// the paired tests (B against A), the drift between their outputs, then every item with both outputs
/// and verdicts, changed items first.
/// </summary>
internal static class ComparePage
{
    public static async Task<IResult> RenderAsync(string? a, string? b, IResultStore results, IRunChunkStore chunks, DatasetCatalog catalog, JobsOptions options, DriftServices drift, CancellationToken ct)
    {
        var form = $"<form method=\"get\" action=\"/compare\"><label>A <input name=\"a\" value=\"{E(a ?? string.Empty)}\" size=\"40\"></label> "
            + $"<label>B <input name=\"b\" value=\"{E(b ?? string.Empty)}\" size=\"40\"></label> <button type=\"submit\">Compare</button></form>";
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return WebPage.Html("Compare runs", "<h1>Compare two runs</h1><p class=\"meta\">Two run ids of one dataset (from a run's page or <code>GET /api/runs</code>).</p>" + form);
        }

        var dataset = await results.GetRunAsync(a, ct).ConfigureAwait(false) is { } runA ? (await RunItems.DatasetAsync(runA, chunks, catalog, options, ct).ConfigureAwait(false)).Dataset : null;
        var comparer = new RunComparer(results, drift.Embeddings, drift.Options, new SignoffPolicy());
        var (comparison, problem) = await comparer.CompareAsync(a, b, dataset is null ? null : ReportFigures.ItemsById(dataset), ct).ConfigureAwait(false);
        if (comparison is null)
        {
            return WebPage.Html("Compare runs", "<h1>Compare two runs</h1><p class=\"bad\">" + E(problem!) + "</p>" + form, status: StatusCodes.Status404NotFound);
        }

        return WebPage.Html($"{comparison.A.DatasetName}: {a} against {b}", Body(comparison) + form);
    }

    private static string Body(RunComparison c)
    {
        var html = new StringBuilder();
        html.Append("<h1>").Append(E(c.A.DatasetName)).Append(": two runs compared</h1><table><thead><tr><th></th><th>Run</th><th>Target</th><th>Started</th><th>Origin</th></tr></thead><tbody>");
        foreach (var (label, run) in new[] { ("A", c.A), ("B", c.B) })
        {
            html.Append("<tr><td>").Append(label).Append("</td><td>").Append(WebPage.RunLink(run.RunId)).Append("</td><td>").Append(E(run.ModelTarget))
                .Append("</td><td>").Append(E($"{run.StartedAt:u}")).Append("</td><td>").Append(E(run.Origin)).Append("</td></tr>");
        }

        html.Append("</tbody></table><p class=\"meta\">").Append(E($"{c.PairedItems} paired items; {c.Changed} changed, {c.Items.Count(i => i.Change == ItemPair.Verdict)} of them in verdict"));
        if (!c.SameDatasetVersion)
        {
            html.Append("</p><p class=\"warn\">The dataset changed between the runs: items are paired by id.");
        }

        html.Append("</p><h2>Paired differences (B against A)</h2><table><thead><tr><th>Test</th><th>Outcome</th><th>Detail</th></tr></thead><tbody>");
        foreach (var rule in c.Tests.Append(c.Drift))
        {
            var css = rule.Outcome == SignoffRule.Fail ? "bad" : rule.Outcome == SignoffRule.Pass ? "ok" : "warn";
            html.Append("<tr><td>").Append(E(rule.Name)).Append("</td><td class=\"").Append(css).Append("\">").Append(E(rule.Outcome)).Append("</td><td>").Append(E(rule.Detail)).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Items, changed first</h2><table><thead><tr><th>Item</th><th>Change</th><th>Prompt and reference</th><th>A</th><th>B</th></tr></thead><tbody>");
        foreach (var pair in c.Items)
        {
            html.Append("<tr><td><code>").Append(E(ComparisonText.Key(pair))).Append("</code></td><td>").Append(E(pair.Change))
                .Append("</td><td><pre>").Append(E(pair.Item?.Prompt ?? "-")).Append("</pre><pre class=\"meta\">").Append(E(pair.Item is null ? string.Empty : string.Join("\n", pair.Item.Reference)))
                .Append("</pre></td>");
            foreach (var side in new[] { pair.A, pair.B })
            {
                var css = side is null || side.Error is not null ? "warn" : side.Correct != false && side.Hallucinated != true ? "ok" : "bad";
                html.Append("<td><p class=\"").Append(css).Append("\">").Append(E(ComparisonText.Verdict(side))).Append("</p><pre>").Append(E(side?.Output ?? string.Empty)).Append("</pre></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        return html.ToString();
    }
}
