using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using SloQuality.Core.Notifications;
using SloQuality.Core.Slo;

namespace SloQuality.Jobs;

/// <summary>
/// Brings the SLO evaluations up to date and posts every change of a burn-rate alert's state to the
/// webhooks of <c>notifications.yaml</c>. A webhook that stays down after its retries fails the job,
/// and the change is posted again on the next check.
/// </summary>
public sealed class AlertWatchJob(ISloSliceStore slices, INotificationStateStore states, HttpClient http, JobsOptions options, TimeProvider time, ILogger<AlertWatchJob> logger)
{
    [DisplayName("watch SLO alerts")]
    [AutomaticRetry(Attempts = 0)] // the next scheduled check is the retry
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (set, problems) = SloCatalog.Load(options.ConfigFolder);
        var (settings, notificationProblems) = NotificationConfiguration.Load(options.ConfigFolder);
        foreach (var problem in notificationProblems)
        {
            logger.LogWarning("notifications: {Problem}", problem.ToString());
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("slos.yaml is invalid:\n" + string.Join("\n", problems));
        }

        var fold = await SloFoldService.Create(slices, time, options.ConfigFolder).FoldAsync(set, cancellationToken).ConfigureAwait(false);
        var sender = new WebhookSender(http, settings, NotificationConfiguration.Scrubber(options.ConfigFolder), time);
        var deliveries = await new AlertNotifier(states, sender, settings).NotifyAsync(fold.Current, cancellationToken).ConfigureAwait(false);
        var failed = deliveries.Where(d => !d.Delivered).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException("alert notifications not delivered: " + string.Join("; ", failed.Select(d => $"{d.Webhook} after {d.Attempts} attempts: {d.Problem}")));
        }
    }
}
