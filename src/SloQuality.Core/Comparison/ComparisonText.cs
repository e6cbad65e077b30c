using System.Text;
using SloQuality.Core.Reports;

namespace SloQuality.Core.Comparison;

/// <summary>
/// A comparison as Markdown: the runs, the paired tests and drift, and the changed items. For the
/// terminal the items are one line each; with <c>withOutputs</c> (the <c>--markdown</c> file) a table
/// holds both outputs, every cell escaped (the terminal's writer neutralises control characters).
/// </summary>
public static class ComparisonText
{
    public static string Render(RunComparison c, bool withOutputs)
    {
        // Markdown cells are escaped for the renderer; the terminal gets the text itself on one line.
        Func<string, int, string> cell = withOutputs ? MarkdownReport.Cell : (text, _) => text.ReplaceLineEndings(" ");
        string Cell(string text, int max = 500) => cell(text, max);
        var md = new StringBuilder();
        md.AppendLine($"# {Cell(c.A.DatasetName)}: {Cell(c.A.RunId)} (A) against {Cell(c.B.RunId)} (B)");
        md.AppendLine();
        md.AppendLine($"- A: {Cell(c.A.ModelTarget)}, {c.A.StartedAt:u}, {Cell(c.A.Origin)}");
        md.AppendLine($"- B: {Cell(c.B.ModelTarget)}, {c.B.StartedAt:u}, {Cell(c.B.Origin)}");
        md.AppendLine($"- {c.PairedItems} paired items; {c.Changed} changed ({c.Items.Count(i => i.Change == ItemPair.Verdict)} in verdict)" +
            (c.SameDatasetVersion ? string.Empty : "; **the dataset changed between the runs**: items are paired by id"));
        md.AppendLine();
        md.AppendLine("## Paired differences (B against A)");
        md.AppendLine();
        foreach (var rule in c.Tests.Append(c.Drift))
        {
            md.AppendLine($"- [{rule.Outcome}] {Cell(rule.Name)}: {Cell(rule.Detail)}");
        }

        md.AppendLine();
        var changed = c.Items.Where(i => i.Change != ItemPair.Unchanged).ToList();
        md.AppendLine($"## Changed items ({changed.Count})");
        md.AppendLine();
        if (changed.Count == 0)
        {
            md.AppendLine("Every item has the same verdict and output in both runs.");
            return md.ToString();
        }

        if (!withOutputs)
        {
            foreach (var pair in changed)
            {
                md.AppendLine($"- `{Cell(Key(pair))}`: {Verdict(pair.A)} → {Verdict(pair.B)}{(pair.Change == ItemPair.Output ? " (other words)" : string.Empty)}");
            }

            return md.ToString();
        }

        md.AppendLine("| Item | Prompt | A | Output A | B | Output B |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var pair in changed)
        {
            md.AppendLine($"| `{Cell(Key(pair))}` | {Cell(pair.Item?.Prompt ?? "-", 200)} | {Verdict(pair.A)} | {Cell(pair.A?.Output ?? "-")} | {Verdict(pair.B)} | {Cell(pair.B?.Output ?? "-")} |");
        }

        return md.ToString();
    }

    public static string Key(ItemPair pair) => pair.Repeat > 0 ? $"{pair.ItemId} #{pair.Repeat}" : pair.ItemId;

    public static string Verdict(Evaluation.ItemResult? r) => r is null ? "missing" : ReportFigures.Verdict(r);
}
