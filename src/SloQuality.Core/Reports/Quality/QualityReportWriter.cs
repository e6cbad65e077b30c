using System.Text;
using System.Text.Json;

namespace SloQuality.Core.Reports.Quality;

/// <summary>Writes a quality report's folder: <c>report.html</c>, <c>report.md</c>, <c>report.json</c>.</summary>
public static class QualityReportWriter
{
    public static async Task WriteAsync(string folder, QualityReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, SloqJson.Indented) + "\n", utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), QualityReportMarkdown.Render(report), utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), QualityReportHtml.Render(report), utf8, cancellationToken).ConfigureAwait(false);
    }
}
