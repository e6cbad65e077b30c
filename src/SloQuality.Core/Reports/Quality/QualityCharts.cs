using System.Text.RegularExpressions;
using ScottPlot;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Reports.Quality;

/// <summary>
/// The report's charts as inline SVG (ScottPlot, rendered headless): an SLO's SLI over 30 days with its
/// target line, and the error-budget burn-down of a target's SLOs. Labels are our own text, never
/// model output; each chart's clip-path ids get a prefix so several charts can share one page.
/// </summary>
public static partial class QualityCharts
{
    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex Prolog();

    public static string Trend(TrendSeries trend, string chartId)
    {
        var plot = new Plot();
        var points = trend.Days.Zip(trend.Values).Where(p => p.Second is not null).ToList();
        var scale = SliKinds.Rates.Contains(trend.Sli) ? 100.0 : 1.0;
        if (points.Count > 0)
        {
            var line = plot.Add.Scatter(points.Select(p => p.First.UtcDateTime.ToOADate()).ToArray(), points.Select(p => p.Second!.Value * scale).ToArray());
            line.LegendText = trend.Sli + (scale == 100 ? " (%)" : string.Empty);
        }

        var target = plot.Add.HorizontalLine(trend.Target * scale);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Red;
        target.LegendText = "target";
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(trend.Days[0].UtcDateTime.ToOADate(), trend.Days[^1].UtcDateTime.AddDays(1).ToOADate());
        plot.Title(trend.Slo, size: 13);
        plot.ShowLegend(Alignment.LowerLeft);
        return Svg(plot, chartId, 420, 220);
    }

    public static string BurnDown(IReadOnlyList<BurnDownSeries> series, string chartId)
    {
        var plot = new Plot();
        foreach (var s in series)
        {
            var points = s.At.Zip(s.RemainingShare).Where(p => p.Second is not null).ToList();
            if (points.Count > 0)
            {
                var line = plot.Add.Scatter(points.Select(p => p.First.UtcDateTime.ToOADate()).ToArray(), points.Select(p => p.Second!.Value * 100).ToArray());
                line.LegendText = s.Slo;
            }
        }

        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Red;
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "budget left (%)";
        plot.Title("Error budget left through each SLO's window", size: 13);
        plot.ShowLegend(Alignment.LowerLeft);
        return Svg(plot, chartId, 860, 300);
    }

    private static string Svg(Plot plot, string chartId, int width, int height)
    {
        var svg = Prolog().Replace(plot.GetSvgXml(width, height), string.Empty);
        return svg.Replace("id=\"cl_", $"id=\"{chartId}_", StringComparison.Ordinal).Replace("url(#cl_", $"url(#{chartId}_", StringComparison.Ordinal);
    }
}
