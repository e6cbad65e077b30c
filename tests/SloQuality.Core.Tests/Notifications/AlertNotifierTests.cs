using System.Text.Json;
using SloQuality.Core.Notifications;
using SloQuality.Core.Slo;
using SloQuality.Tests.Shared;

namespace SloQuality.Core.Tests.Notifications;

public sealed class AlertNotifierTests
{
    private static readonly BurnRateAlert PageAlert = new(BurnRateAlert.Page, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 0.02, 14.4);

    private static SloEvaluation Evaluation(string state) => new()
    {
        Slo = "availability-30d",
        ModelTarget = "sim-stable",
        Sli = SliKinds.Availability,
        Objective = "availability >= 0.999",
        Window = "rolling 30d",
        Status = SloEvaluation.Breached,
        Value = 0.95,
        Low = 0.94,
        High = 0.96,
        N = 2000,
        Budget = new BudgetFigures("occurrences", 2, 100, -98, -49, null, null, null),
        Alert = new AlertState(state, [new AlertCheck(PageAlert, 50, 50, state == BurnRateAlert.Page)]),
    };

    private static (AlertNotifier Notifier, MemoryStates States) Notifier(WebhookReceiver receiver, int retries = 3)
    {
        var settings = new NotificationSettings
        {
            Retries = retries,
            FirstRetryDelay = TimeSpan.FromMilliseconds(20),
            Webhooks = [new Webhook("team", receiver.Url, new HashSet<string> { Webhook.AlertEvents })],
        };
        var states = new MemoryStates();
        return (new AlertNotifier(states, new WebhookSender(new HttpClient(), settings, new SecretScrubber([]), TimeProvider.System), settings), states);
    }

    [Fact]
    public async Task AChangeOfAlertStateIsPostedOnceAndItsRecoveryOnceMore()
    {
        using var receiver = new WebhookReceiver();
        var (notifier, _) = Notifier(receiver);

        await notifier.NotifyAsync([Evaluation(BurnRateAlert.Page)], CancellationToken.None);
        await notifier.NotifyAsync([Evaluation(BurnRateAlert.Page)], CancellationToken.None);
        await notifier.NotifyAsync([Evaluation(AlertState.Ok)], CancellationToken.None);

        Assert.Equal(2, receiver.Bodies.Count);
        var fired = JsonDocument.Parse(receiver.Bodies[0]).RootElement.GetProperty("text").GetString();
        Assert.Equal("PAGE: availability-30d on sim-stable is burning its error budget (was ok)", fired);
        Assert.Contains("n = 2000", receiver.Bodies[0], StringComparison.Ordinal);
        Assert.StartsWith("Resolved:", JsonDocument.Parse(receiver.Bodies[1]).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeThatCouldNotBeDeliveredIsPostedAgainOnTheNextCheck()
    {
        using var receiver = new WebhookReceiver(500, 500);
        var (notifier, states) = Notifier(receiver, retries: 1);

        var first = await notifier.NotifyAsync([Evaluation(BurnRateAlert.Page)], CancellationToken.None);
        Assert.False(Assert.Single(first).Delivered);
        Assert.Empty(await states.NotificationStatesAsync(CancellationToken.None));

        var second = await notifier.NotifyAsync([Evaluation(BurnRateAlert.Page)], CancellationToken.None);
        Assert.True(Assert.Single(second).Delivered);
        Assert.Equal(BurnRateAlert.Page, (await states.NotificationStatesAsync(CancellationToken.None))["alert|availability-30d|sim-stable"]);
    }

    private sealed class MemoryStates : INotificationStateStore
    {
        private readonly Dictionary<string, string> states = [];

        public Task<IReadOnlyDictionary<string, string>> NotificationStatesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(states));

        public Task SetNotificationStateAsync(string key, string value, CancellationToken cancellationToken)
        {
            states[key] = value;
            return Task.CompletedTask;
        }
    }
}
