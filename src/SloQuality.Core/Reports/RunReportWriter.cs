using System.Text;
using System.Text.Json;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Reports;

/// <summary>Writes a run's output folder: <c>summary.json</c>, <c>items.jsonl</c>, <c>report.md</c>, <c>report.html</c>.</summary>
public static class RunReportWriter
{
    public static async Task WriteAsync(string folder, RunSummary summary, GoldenDataset dataset, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<string, string>? baselineOutputs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var ordered = Order(dataset, results);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), SummaryJson.Serialize(summary) + "\n", utf8, cancellationToken).ConfigureAwait(false);

        var lines = new StringBuilder();
        foreach (var result in ordered)
        {
            lines.Append(JsonSerializer.Serialize(ItemLine.From(result), SloqJson.Compact)).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "items.jsonl"), lines.ToString(), utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), MarkdownReport.Render(summary, dataset, ordered, baselineOutputs), utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), HtmlReport.Render(summary, dataset, ordered, baselineOutputs), utf8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dataset order, then repeat: stable files whatever order the workers finished in.</summary>
    private static List<ItemResult> Order(GoldenDataset dataset, IReadOnlyList<ItemResult> results)
    {
        var position = dataset.Items.Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        return results.OrderBy(r => position.GetValueOrDefault(r.ItemId, int.MaxValue)).ThenBy(r => r.RepeatIndex).ToList();
    }
}
