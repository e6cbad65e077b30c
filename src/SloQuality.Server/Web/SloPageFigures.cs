using System.Globalization;
using System.Text;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// How the Quality SLOs page reads: the promise in the SLI's unit, percentages to one decimal (never
/// rounded onto 0% or 100% when the value is not), a sparkline of the SLI over the window, a legend.
/// </summary>
internal static class SloPageFigures
{
    public const string Legend = """
        <div class="legend" style="margin-top:1rem"><p><strong>Status</strong>: <em>met</em> or <em>breached</em> only when the whole 95% interval
        is on one side of the promise; <em>inconclusive</em> while it straddles it (more items decide); <em>no data</em> before the first run in the window.</p>
        <p><strong>Budget left</strong>: the share of the window's error budget (the bad events or slices the objective allows) not yet spent;
        below 0% it is overspent (-100% means twice the budget). <strong>Burn rate</strong>: how fast the budget goes; 1.0 spends it exactly by the window's end.</p>
        <p><strong>Alert</strong>: <em>page</em> when the last hour burns 14.4 times too fast (and the last 5 minutes still do) or the last 6 hours 6 times;
        <em>ticket</em> at 3 times over a day or once over 3 days (the SRE workbook's windows); <em>none</em> otherwise.
        <strong>Over the window</strong>: the SLI step by step from the window's start (the dashed line is the promise).</p></div>
        """;

    public static string Promise(SloDefinition slo)
    {
        var unit = slo.Budgeting.Method == SloBudgeting.Timeslices ? $"{SloDurations.Format(slo.Budgeting.SliceLength!.Value)} slices" : "events";
        return $"{slo.Sli} {slo.Operator} {Value(slo.Sli, slo.Target)}; {Percent(slo.Objective)} of {unit}, {slo.Window}";
    }

    /// <summary>A rate in percent to one decimal; other SLIs as every report shows them.</summary>
    public static string Value(string sli, double? value) => value is { } v && SliKinds.Rates.Contains(sli) ? Percent(v) : SloFigures.Value(sli, value);

    private static string Percent(double share)
    {
        var text = (share * 100).ToString("0.0", CultureInfo.InvariantCulture);
        return text == "100.0" && share < 1 ? "> 99.9%" : text == "0.0" && share > 0 ? "< 0.1%" : text + "%";
    }

    /// <summary>An inline SVG line of the series (no script, nothing loaded), the promise dashed; a dot for one point, "-" for none.</summary>
    public static string Sparkline(SloSeries series, SloDefinition slo)
    {
        var known = series.Points.Select((v, i) => (Index: i, Value: v)).Where(p => p.Value is { } v && !double.IsInfinity(v)).Select(p => (p.Index, Value: p.Value!.Value)).ToList();
        if (known.Count == 0)
        {
            return "<span class=\"text-muted\">-</span>";
        }

        const double Width = 120, Height = 26, Pad = 2;
        var low = Math.Min(known.Min(p => p.Value), slo.Target);
        var high = Math.Max(known.Max(p => p.Value), slo.Target);
        var span = high - low <= 0 ? 1 : high - low;
        double X(int i) => Pad + ((Width - (2 * Pad)) * i / Math.Max(1, series.Points.Count - 1));
        double Y(double v) => Height - Pad - ((Height - (2 * Pad)) * (v - low) / span);
        var points = string.Join(' ', known.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Index):0.#},{Y(p.Value):0.#}")));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"sparkline\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"")
            .Append(E($"{slo.Sli} in steps of {SloFigures.Duration(series.Step)} since {series.From:u}")).Append("\">")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{Width}\" y1=\"{Y(slo.Target):0.#}\" y2=\"{Y(slo.Target):0.#}\" stroke=\"#999\" stroke-dasharray=\"3,2\"/>")
            .Append(known.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{X(known[0].Index):0.#}\" cy=\"{Y(known[0].Value):0.#}\" r=\"2\" fill=\"#2f6fb3\"/>")
                : $"<polyline fill=\"none\" stroke=\"#2f6fb3\" stroke-width=\"1.5\" points=\"{points}\"/>")
            .Append("</svg>");
        return svg.ToString();
    }
}
