using System.Globalization;
using System.Text;

namespace SloQuality.Core.Reports.Quality;

/// <summary><c>report.md</c>: the SLO tables, the changes and the worst items, short enough for a chat message or a pull request.</summary>
public static class QualityReportMarkdown
{
    public static string Render(QualityReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# SloQuality {report.Kind} report {report.Period}");
        md.AppendLine();
        md.AppendLine($"{report.From:u} to {report.To:u}, figures as of {report.AsOf:u}.");
        if (report.DetectorReview is { } review)
        {
            md.AppendLine();
            var (precision, recall) = (ReportFigures.Rate("precision", review.Precision), ReportFigures.Rate("recall", review.Recall));
            md.AppendLine($"Hallucination detector against {review.Labels} human review labels: precision {precision.Value} {precision.Interval} ({precision.N}), recall {recall.Value} {recall.Interval} ({recall.N}).");
        }

        foreach (var target in report.Targets)
        {
            md.AppendLine();
            md.AppendLine($"## {Cell(target.ModelTarget)} ({target.Runs} runs)");
            md.AppendLine();
            md.AppendLine("| SLO | SLI | 95% interval | n | status | budget left | burn | alert |");
            md.AppendLine("|---|---:|---|---:|---|---:|---:|---|");
            foreach (var row in target.Slos.Select(SloFigures.For))
            {
                md.AppendLine($"| {Cell(row.Slo)} | {row.Value} | {row.Interval} | {row.N} | {row.Status} | {row.BudgetRemaining} | {row.BurnRate} | {row.Alert} |");
            }

            if (target.Changes.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Changed since the previous period:");
                foreach (var c in target.Changes)
                {
                    md.AppendLine($"- {Cell(c.Slo)}: {c.StatusBefore.Replace('_', ' ')} → {c.StatusAfter.Replace('_', ' ')}, alert {c.AlertBefore} → {c.AlertAfter}");
                }
            }

            Items(md, "Most confident hallucinations", target.Hallucinations);
            Items(md, "Largest drift", target.Drift);
            Items(md, "Slowest TTFT (ms)", target.SlowestTtft);
        }

        return md.ToString();
    }

    private static void Items(StringBuilder md, string heading, IReadOnlyList<WorstItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine($"{heading}:");
        foreach (var item in items.Take(3))
        {
            md.AppendLine($"- `{Cell(item.ItemId)}` ({item.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"}): {Cell(item.Output, 160)}");
        }
    }

    private static string Cell(string text, int max = 200) => MarkdownReport.Cell(text, max);
}
