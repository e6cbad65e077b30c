using SloQuality.Core.Reports.Quality;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Notifications;

/// <summary>
/// Posts the summary of a daily (or weekly) quality report to the webhooks that want it: per target,
/// how many SLOs are met, breached, inconclusive or without data, and each one not met with its SLI,
/// interval and sample count. Figures and names only: no model output leaves in a notification.
/// </summary>
public sealed class DailySummaryNotifier(WebhookSender sender, NotificationSettings settings)
{
    public async Task<IReadOnlyList<WebhookDelivery>> NotifyAsync(QualityReport report, CancellationToken cancellationToken)
    {
        var deliveries = new List<WebhookDelivery>();
        var message = Message(report, settings.PublicUrl);
        foreach (var webhook in settings.Webhooks.Where(w => w.Wants(Webhook.DailyReportEvents)))
        {
            deliveries.Add(await sender.SendAsync(webhook, message, cancellationToken).ConfigureAwait(false));
        }

        return deliveries;
    }

    public static SlackMessage Message(QualityReport report, Uri? publicUrl)
    {
        var all = report.Targets.SelectMany(t => t.Slos).ToList();
        var breached = all.Count(e => e.Status == SloEvaluation.Breached);
        var headline = $"SloQuality {report.Kind} report {report.Period}: {all.Count(e => e.Status == SloEvaluation.Met)} met, {breached} breached, "
            + $"{all.Count(e => e.Status == SloEvaluation.Inconclusive)} inconclusive, {all.Count(e => e.Status == SloEvaluation.NoData)} without data";
        var sections = report.Targets.Select(t =>
        {
            var notMet = t.Slos.Where(e => e.Status is SloEvaluation.Breached or SloEvaluation.Inconclusive)
                .Select(e => $"• {e.Slo}: {e.Status}, {e.Sli} = {AlertNotifier.Figure(e.Value)} [{AlertNotifier.Figure(e.Low)}, {AlertNotifier.Figure(e.High)}], n = {e.N}, budget left {AlertNotifier.Share(e.Budget.RemainingShare)}");
            return SlackMessage.Escape($"*{t.ModelTarget}* ({t.Runs} runs): {t.Slos.Count(e => e.Status == SloEvaluation.Met)} of {t.Slos.Count} SLOs met\n" + string.Join("\n", notMet));
        }).ToList();
        if (publicUrl is not null)
        {
            sections.Add($"<{new Uri(publicUrl, $"/api/reports/{report.Kind}/{report.Period}/report.html")}|The whole report>");
        }

        return SlackMessage.Of(SlackMessage.Escape(headline), sections);
    }
}
