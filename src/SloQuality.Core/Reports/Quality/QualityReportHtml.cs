using System.Globalization;
using System.Text;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Core.Reports.Quality;

/// <summary>
/// <c>report.html</c> of a daily or weekly report: self-contained (inline CSS and SVG, no script, a CSP
/// that forbids loading anything), and every piece of text, model output above all, escaped.
/// </summary>
public static class QualityReportHtml
{
    /// <summary>What the report's charts need beside the run report's style.</summary>
    public const string ChartStyle = ".charts{display:flex;flex-wrap:wrap;gap:.5rem}.charts svg{border:1px solid #e3e7ec}";

    public static string Render(QualityReport report) => Document(Title(report), Body(report), ChartStyle);

    public static string Title(QualityReport report) => $"SloQuality {report.Kind} report {report.Period}";

    /// <summary>The report's content, to stand alone (<see cref="Render"/>) or inside the service's pages.</summary>
    public static string Body(QualityReport report)
    {
        var html = new StringBuilder();
        html.Append("<h1>").Append(E(Title(report))).Append("</h1><p class=\"meta\">")
            .Append(E($"{report.From:u} to {report.To:u}, figures as of {report.AsOf:u}; generated {report.GeneratedAt:u}")).Append("</p>");
        if (report.Targets.Count == 0)
        {
            html.Append("<p class=\"warn\">No runs and no SLO data in this period.</p>");
        }

        var chart = 0;
        foreach (var target in report.Targets)
        {
            html.Append("<h2>").Append(E(target.ModelTarget)).Append("</h2><p class=\"meta\">")
                .Append(E($"{target.Runs} runs in the period")).Append("</p>");
            AppendSloTable(html, target);
            AppendChanges(html, target);
            html.Append("<h3>Trends (30 days)</h3><div class=\"charts\">");
            foreach (var trend in target.Trends)
            {
                html.Append(QualityCharts.Trend(trend, $"c{chart++}"));
            }

            html.Append("</div><h3>Error budget burn-down</h3><div class=\"charts\">").Append(QualityCharts.BurnDown(target.BurnDown, $"c{chart++}")).Append("</div>");
            AppendItems(html, "Most confident hallucinations", "hallucination score", target.Hallucinations, claims: true, baseline: false);
            AppendItems(html, "Largest drift from the baseline", "similarity", target.Drift, claims: false, baseline: true);
            AppendItems(html, "Slowest time to first token", "TTFT (ms)", target.SlowestTtft, claims: false, baseline: false);
        }

        if (report.DetectorReview is { } review)
        {
            html.Append("<h2>Hallucination detector against human review</h2><table><thead><tr><th>Measure</th><th>Rate</th><th>95% interval</th><th>n</th></tr></thead><tbody>");
            foreach (var (name, rate) in new[] { ("Precision (flagged outputs that people call hallucinated)", review.Precision), ("Recall (hallucinations people found that it flagged)", review.Recall), ("Agreement", review.Agreement) })
            {
                var row = ReportFigures.Rate(name, rate);
                html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(E(row.Value)).Append("</td><td class=\"num\">").Append(E(row.Interval)).Append("</td><td class=\"num\">").Append(E(row.N)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.ToString();
    }

    private static void AppendSloTable(StringBuilder html, TargetReport target)
    {
        html.Append("<table><thead><tr><th>SLO</th><th>Promise</th><th>SLI</th><th>95% interval</th><th>n</th><th>Status</th><th>Budget left</th><th>Burn rate</th><th>Alert</th><th>Spent in</th></tr></thead><tbody>");
        foreach (var e in target.Slos)
        {
            var row = SloFigures.For(e);
            var css = e.Status switch { "met" => "ok", "breached" => "bad", _ => "warn" };
            html.Append("<tr><td>").Append(E(row.Slo)).Append("</td><td>").Append(E(row.Promise)).Append("</td><td class=\"num\">").Append(E(row.Value))
                .Append("</td><td class=\"num\">").Append(E(row.Interval)).Append("</td><td class=\"num\">").Append(E(row.N))
                .Append("</td><td class=\"").Append(css).Append("\">").Append(E(row.Status)).Append("</td><td class=\"num\">").Append(E(row.BudgetRemaining))
                .Append("</td><td class=\"num\">").Append(E(row.BurnRate)).Append("</td><td class=\"").Append(row.Alert == "ok" ? "ok" : "bad").Append("\">")
                .Append(E(row.Alert)).Append("</td><td class=\"num\">").Append(E(row.Exhaustion)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendChanges(StringBuilder html, TargetReport target)
    {
        html.Append("<h3>What changed since the previous period</h3>");
        if (target.Changes.Count == 0)
        {
            html.Append("<p class=\"meta\">Nothing.</p>");
            return;
        }

        html.Append("<ul>");
        foreach (var c in target.Changes)
        {
            var sli = target.Slos.First(s => s.Slo == c.Slo).Sli;
            html.Append("<li>").Append(E($"{c.Slo}: {c.StatusBefore.Replace('_', ' ')} → {c.StatusAfter.Replace('_', ' ')}, alert {c.AlertBefore} → {c.AlertAfter}, SLI {SloFigures.Value(sli, c.ValueBefore)} → {SloFigures.Value(sli, c.ValueAfter)}")).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendItems(StringBuilder html, string heading, string scoreName, IReadOnlyList<WorstItem> items, bool claims, bool baseline)
    {
        html.Append("<h3>").Append(E(heading)).Append("</h3>");
        if (items.Count == 0)
        {
            html.Append("<p class=\"meta\">None in this period.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Item</th><th>").Append(E(scoreName)).Append("</th>")
            .Append(baseline ? "<th>Baseline output</th>" : string.Empty).Append("<th>Output</th>")
            .Append(claims ? "<th>Unsupported claims</th>" : string.Empty).Append("</tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Append("<tr><td><code>").Append(E(item.ItemId)).Append("</code><br><span class=\"meta\">").Append(E($"{item.Dataset} · {item.RunId}"))
                .Append("</span></td><td class=\"num\">").Append(E(item.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-")).Append("</td>");
            if (baseline)
            {
                html.Append("<td><pre>").Append(E(item.BaselineOutput ?? "(no baseline output)")).Append("</pre></td>");
            }

            html.Append("<td><pre>").Append(E(item.Output)).Append("</pre></td>");
            if (claims)
            {
                html.Append("<td><pre>").Append(E(string.Join("\n", item.Claims))).Append("</pre></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
