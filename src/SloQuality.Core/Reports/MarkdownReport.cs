using System.Text;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Reports;

/// <summary>
/// <c>report.md</c>: the run's figures and the items that need a look. Model output is escaped: Markdown
/// renderers pass raw HTML through, so an output must never become markup.
/// </summary>
public static class MarkdownReport
{
    public static string Render(RunSummary summary, GoldenDataset dataset, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<string, string>? baselineOutputs = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Quality report: {Cell(summary.Dataset.Name)} on {Cell(summary.Model.Target)}");
        md.AppendLine();
        md.AppendLine($"- Run: `{summary.RunId}`");
        md.AppendLine($"- Dataset version: `{summary.Dataset.ContentHash[..12]}` ({summary.Dataset.Items} items, repeat {summary.Repeat})");
        md.AppendLine($"- Model: {Cell(summary.Model.Provider)} `{Cell(summary.Model.ModelId ?? "-")}`");
        md.AppendLine($"- Time: {summary.StartedAt:u} to {summary.FinishedAt:u} ({summary.DurationSeconds:0.0} s)");
        md.AppendLine($"- Items: {ReportFigures.ItemsLine(summary)}");
        md.AppendLine();
        foreach (var warning in ReportFigures.Warnings(summary))
        {
            md.AppendLine($"> **Warning:** {Cell(warning)}");
            md.AppendLine();
        }

        md.AppendLine("| Metric | Value | 95% interval | n |");
        md.AppendLine("|---|---:|---|---:|");
        foreach (var row in ReportFigures.Rows(summary))
        {
            md.AppendLine($"| {row.Metric} | {row.Value} | {row.Interval} | {row.N} |");
        }

        DriftSection.AppendMarkdown(md, summary, results, baselineOutputs ?? new Dictionary<string, string>(), Cell);
        var attention = ReportFigures.Attention(results, 25);
        md.AppendLine();
        md.AppendLine($"## Items that need a look ({attention.Count} shown)");
        md.AppendLine();
        if (attention.Count == 0)
        {
            md.AppendLine("Every item passed.");
            return md.ToString();
        }

        var items = ReportFigures.ItemsById(dataset);
        md.AppendLine("| Item | Verdict | Prompt | Output | Why |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in attention)
        {
            var prompt = items.TryGetValue(r.ItemId, out var item) ? item.Prompt : string.Empty;
            var why = r.Error ?? string.Join("; ", r.Reasons.Concat(r.UnsupportedClaims.Select(c => "unsupported: " + c)));
            md.AppendLine($"| `{Cell(r.ItemId)}` | {ReportFigures.Verdict(r)} | {Cell(prompt, 120)} | {Cell(r.Output, 200)} | {Cell(why, 200)} |");
        }

        return md.ToString();
    }

    /// <summary>One table cell: HTML-escaped, no pipes or newlines, bounded length.</summary>
    internal static string Cell(string text, int max = 500)
    {
        var cut = text.Length > max ? text[..max] + "…" : text;
        return System.Net.WebUtility.HtmlEncode(cut)
            .Replace("|", "&#124;", StringComparison.Ordinal)
            .Replace("`", "&#96;", StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
    }
}
