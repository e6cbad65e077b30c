using System.Globalization;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Notifications;

/// <summary>
/// Posts each change of an SLO's burn-rate alert state on a target (ok → ticket → page and back) to the
/// webhooks that want alerts, once: the announced state is stored only after every such webhook took
/// the message, so a receiver that was down hears of the change on the next check (at least once).
/// </summary>
public sealed class AlertNotifier(INotificationStateStore states, WebhookSender sender, NotificationSettings settings)
{
    public async Task<IReadOnlyList<WebhookDelivery>> NotifyAsync(IReadOnlyList<SloEvaluation> current, CancellationToken cancellationToken)
    {
        var receivers = settings.Webhooks.Where(w => w.Wants(Webhook.AlertEvents)).ToList();
        var known = await states.NotificationStatesAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<WebhookDelivery>();
        foreach (var evaluation in current)
        {
            var key = $"alert|{evaluation.Slo}|{evaluation.ModelTarget}";
            var was = known.GetValueOrDefault(key, AlertState.Ok);
            var now = evaluation.Alert.State;
            if (was == now)
            {
                continue;
            }

            var message = Message(evaluation, was, settings.PublicUrl);
            var results = new List<WebhookDelivery>();
            foreach (var webhook in receivers)
            {
                results.Add(await sender.SendAsync(webhook, message, cancellationToken).ConfigureAwait(false));
            }

            deliveries.AddRange(results);
            if (results.All(r => r.Delivered))
            {
                await states.SetNotificationStateAsync(key, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return deliveries;
    }

    public static SlackMessage Message(SloEvaluation e, string was, Uri? publicUrl)
    {
        var now = e.Alert.State;
        var headline = now == AlertState.Ok
            ? $"Resolved: {e.Slo} on {e.ModelTarget} is no longer burning its error budget fast (was {was})"
            : $"{(now == BurnRateAlert.Page ? "PAGE" : "Ticket")}: {e.Slo} on {e.ModelTarget} is burning its error budget (was {was})";
        var burning = e.Alert.Checks.Where(c => c.Firing).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Alert.Severity}: burn {c.LongBurnRate:0.##} over {SloDurations.Format(c.Alert.LongWindow)} and {c.ShortBurnRate:0.##} over {SloDurations.Format(c.Alert.ShortWindow)} (threshold {c.Alert.Factor:0.##})"));
        var sections = new List<string>
        {
            SlackMessage.Escape(string.Create(CultureInfo.InvariantCulture,
                $"*{e.Sli}* = {Figure(e.Value)} [{Figure(e.Low)}, {Figure(e.High)}] over n = {e.N}, objective {e.Objective}; status {e.Status}; budget left {Share(e.Budget.RemainingShare)}")),
        };
        sections.AddRange(burning.Select(SlackMessage.Escape));
        if (publicUrl is not null)
        {
            sections.Add($"<{new Uri(publicUrl, "/hangfire/slo")}|Quality SLOs>");
        }

        return SlackMessage.Of(SlackMessage.Escape(headline), sections);
    }

    internal static string Figure(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    internal static string Share(double? share) => share is { } s ? s.ToString("0.#%", CultureInfo.InvariantCulture) : "n/a";
}
