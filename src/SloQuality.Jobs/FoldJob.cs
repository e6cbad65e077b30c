using System.ComponentModel;
using System.Globalization;
using Hangfire;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Notifications;
using SloQuality.Core.Reports.Quality;
using SloQuality.Core.Slo;

namespace SloQuality.Jobs;

/// <summary>
/// The daily or weekly fold: brings every SLO evaluation up to date from the store (catching up what
/// was missed), then writes the report of the period that just ended to <c>OUT/reports/KIND/PERIOD/</c>.
/// </summary>
public sealed class FoldJob(ISloSliceStore slices, IResultStore results, JobsOptions options, TimeProvider time, HttpClient? http = null, Core.Review.IReviewStore? reviews = null)
{
    [DisplayName("fold SLOs and write the {0} report")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string kind, CancellationToken cancellationToken)
    {
        var (set, problems) = SloCatalog.Load(options.ConfigFolder);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("slos.yaml is invalid:\n" + string.Join("\n", problems));
        }

        await SloFoldService.Create(slices, time, options.ConfigFolder).FoldAsync(set, cancellationToken).ConfigureAwait(false);
        var (label, range) = LastPeriod(kind, time.GetUtcNow());
        var report = await new QualityReportBuilder(slices, results, time, reviews, Core.Configuration.HallucinationSettings.Load(options.ConfigFolder).Settings.Correction).BuildAsync(set, kind, label, range.From, range.To, cancellationToken).ConfigureAwait(false);
        await QualityReportWriter.WriteAsync(Path.Combine(options.OutputFolder, "reports", kind, label), report, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts the report's summary to the webhooks that want it; one that stays down fails the job (and its retry posts again).</summary>
    private async Task NotifyAsync(QualityReport report, CancellationToken cancellationToken)
    {
        var (settings, _) = NotificationConfiguration.Load(options.ConfigFolder);
        if (http is null || !settings.Webhooks.Any(w => w.Wants(Webhook.DailyReportEvents)))
        {
            return;
        }

        var sender = new WebhookSender(http, settings, NotificationConfiguration.Scrubber(options.ConfigFolder), time);
        var failed = (await new DailySummaryNotifier(sender, settings).NotifyAsync(report, cancellationToken).ConfigureAwait(false)).Where(d => !d.Delivered).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException("report summary not delivered: " + string.Join("; ", failed.Select(d => $"{d.Webhook} after {d.Attempts} attempts: {d.Problem}")));
        }
    }

    /// <summary>Yesterday, or last ISO week, in UTC.</summary>
    internal static (string Label, (DateTimeOffset From, DateTimeOffset To) Range) LastPeriod(string kind, DateTimeOffset now)
    {
        if (kind == "weekly")
        {
            var lastWeek = now.UtcDateTime.Date.AddDays(-7);
            var label = $"{ISOWeek.GetYear(lastWeek)}-W{ISOWeek.GetWeekOfYear(lastWeek):00}";
            return (label, ReportPeriods.Week(label)!.Value);
        }

        var day = now.UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (day, ReportPeriods.Day(day)!.Value);
    }
}
