using System.Globalization;
using System.Text;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports.Quality;
using SloQuality.Core.Review;
using SloQuality.Core.Slo;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// <c>/reports</c>: every daily and weekly report there is data or a written report for (today's and this
/// week's so far included), and <c>/reports/{daily|weekly}/{period}</c>: one of them shown inline, built
/// from the store as <c>sloq report</c> builds it, so today's figures are as of now.
/// </summary>
internal static class ReportsPage
{
    private const int Days = 35;

    public static async Task<IResult> ListAsync(IResultStore results, TimeProvider time, ServerSettings settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var runs = await results.GetRunsAsync(now.AddDays(-Days), now.AddMinutes(1), ct).ConfigureAwait(false);
        var days = runs.Select(r => DayOf(r.Run.StartedAt)).Concat(Written(settings, "daily")).Append(DayOf(now))
            .Distinct().OrderDescending(StringComparer.Ordinal).ToList();
        var weeks = days.Select(d => WeekOf(DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))).Concat(Written(settings, "weekly"))
            .Distinct().OrderDescending(StringComparer.Ordinal).ToList();
        var html = new StringBuilder("<h1>Quality reports</h1><p class=\"meta\">Daily and weekly reports of every model target: SLO tables, 30-day trends, budget burn-down, the worst items. Today's and this week's are as of now.</p>");
        foreach (var (kind, periods) in new[] { ("weekly", weeks), ("daily", days) })
        {
            html.Append("<h2>").Append(kind == "daily" ? "Daily" : "Weekly").Append("</h2><ul>");
            foreach (var period in periods)
            {
                html.Append("<li><a href=\"/reports/").Append(kind).Append('/').Append(E(period)).Append("\">").Append(E(period)).Append("</a>")
                    .Append(period == DayOf(now) || period == WeekOf(now.UtcDateTime) ? " <span class=\"meta\">(so far)</span>" : string.Empty).Append("</li>");
            }

            html.Append("</ul>");
        }

        return WebPage.Html("Quality reports", html.ToString());
    }

    public static async Task<IResult> ShowAsync(string kind, string period, IServiceProvider services, ServerSettings settings, TimeProvider time, CancellationToken ct)
    {
        var range = kind switch { "daily" => ReportPeriods.Day(period), "weekly" => ReportPeriods.Week(period), _ => null };
        if (range is not { } r)
        {
            return WebPage.NotFound($"'{kind}/{period}' is not a report: expected daily/YYYY-MM-DD or weekly/YYYY-Www");
        }

        var (set, problems) = SloCatalog.Load(settings.ConfigFolder);
        if (problems.Count > 0)
        {
            return WebPage.Html("Report", "<p class=\"bad\">slos.yaml is invalid: " + E(string.Join("; ", problems.Select(p => p.ToString()))) + "</p>", status: StatusCodes.Status500InternalServerError);
        }

        var correction = Core.Configuration.HallucinationSettings.Load(settings.ConfigFolder).Settings.Correction;
        var builder = new QualityReportBuilder(services.GetRequiredService<ISloSliceStore>(), services.GetRequiredService<IResultStore>(), time, services.GetService<IReviewStore>(), correction);
        var report = await builder.BuildAsync(set, kind, period, r.From, r.To, ct).ConfigureAwait(false);
        return WebPage.Html(QualityReportHtml.Title(report), QualityReportHtml.Body(report), QualityReportHtml.ChartStyle);
    }

    private static string DayOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WeekOf(DateTime day) => $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}";

    /// <summary>Periods the report job wrote (folder names checked against the period's form, so nothing else is listed).</summary>
    private static IEnumerable<string> Written(ServerSettings settings, string kind)
    {
        var folder = Path.Combine(settings.OutputFolder, "reports", kind);
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
                .Where(p => (kind == "daily" ? ReportPeriods.Day(p) : ReportPeriods.Week(p)) is not null)
            : [];
    }
}
