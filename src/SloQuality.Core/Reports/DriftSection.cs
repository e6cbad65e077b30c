using System.Globalization;
using System.Text;
using SloQuality.Core.Evaluation;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Core.Reports;

/// <summary>The drift part of a run report: verdict, tests, and the items that moved most side by side with the baseline.</summary>
internal static class DriftSection
{
    public static void AppendHtml(StringBuilder html, RunSummary summary, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<string, string> baselineOutputs)
    {
        if (summary.Drift is not { } d)
        {
            html.Append("<h2>Drift</h2><p class=\"meta\">No baseline for this model target and dataset yet: promote a run with <code>sloq baseline promote --run RUN_ID</code>.</p>");
            return;
        }

        var css = d.Verdict == Drift.DriftAssessment.Drift ? "bad" : d.Verdict == Drift.DriftAssessment.NoDrift ? "ok" : "warn";
        html.Append("<h2>Drift against baseline <code>").Append(E(d.BaselineRunId)).Append("</code></h2>")
            .Append("<p class=\"").Append(css).Append("\"><strong>").Append(E(d.Verdict.Replace('_', ' '))).Append("</strong>: ").Append(E(d.Explanation)).Append("</p>")
            .Append("<p class=\"meta\">").Append(E($"{d.ItemsCompared} items compared, {d.ItemsWithoutBaseline} without a baseline output; embeddings: {d.EmbeddingModel}; noise floor: {d.NoiseSource ?? "none"}")).Append("</p>");
        html.Append("<table><thead><tr><th>Test</th><th>Statistic</th><th>Threshold</th><th>p</th><th>p (adjusted)</th><th>Drift</th><th>What it measured</th></tr></thead><tbody>");
        foreach (var t in d.Tests)
        {
            html.Append("<tr><td>").Append(E(t.Name)).Append("</td><td class=\"num\">").Append(E(F(t.Statistic))).Append("</td><td class=\"num\">")
                .Append(E(F(t.Threshold))).Append("</td><td class=\"num\">").Append(E(P(t.PValue))).Append("</td><td class=\"num\">")
                .Append(E(P(t.AdjustedPValue))).Append("</td><td class=\"").Append(t.Drifted ? "bad" : "ok").Append("\">").Append(t.Drifted ? "yes" : "no")
                .Append("</td><td>").Append(E(t.Detail)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        var moved = ReportFigures.MovedMost(results, 15);
        html.Append("<h3>Items that moved most</h3><table><thead><tr><th>Item</th><th>Similarity</th><th>Baseline output</th><th>Current output</th></tr></thead><tbody>");
        foreach (var r in moved)
        {
            html.Append("<tr><td><code>").Append(E(r.ItemId)).Append("</code>").Append(r.RepeatIndex > 0 ? $" #{r.RepeatIndex}" : string.Empty)
                .Append("</td><td class=\"num\">").Append(E(ReportFigures.Number3(r.DriftSimilarity))).Append("</td><td><pre>")
                .Append(E(baselineOutputs.GetValueOrDefault(r.ItemId, string.Empty))).Append("</pre></td><td><pre>").Append(E(r.Output)).Append("</pre></td></tr>");
        }

        html.Append("</tbody></table>");
    }

    public static void AppendMarkdown(StringBuilder md, RunSummary summary, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<string, string> baselineOutputs, Func<string, int, string> cell)
    {
        if (summary.Drift is not { } d)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine($"## Drift against baseline `{cell(d.BaselineRunId, 200)}`: {d.Verdict.Replace('_', ' ')}");
        md.AppendLine();
        md.AppendLine(cell(d.Explanation, 400));
        md.AppendLine();
        md.AppendLine("| Test | Statistic | Threshold | p (adjusted) | Drift |");
        md.AppendLine("|---|---:|---:|---:|---|");
        foreach (var t in d.Tests)
        {
            md.AppendLine($"| {t.Name} | {F(t.Statistic)} | {F(t.Threshold)} | {P(t.AdjustedPValue)} | {(t.Drifted ? "yes" : "no")} |");
        }

        md.AppendLine();
        md.AppendLine("| Item | Similarity | Baseline output | Current output |");
        md.AppendLine("|---|---:|---|---|");
        foreach (var r in ReportFigures.MovedMost(results, 10))
        {
            md.AppendLine($"| `{cell(r.ItemId, 100)}` | {ReportFigures.Number3(r.DriftSimilarity)} | {cell(baselineOutputs.GetValueOrDefault(r.ItemId, string.Empty), 160)} | {cell(r.Output, 160)} |");
        }
    }

    private static string F(double value) => value.ToString(Math.Abs(value) < 0.01 ? "0.00000" : "0.0000", CultureInfo.InvariantCulture);

    private static string P(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
}
