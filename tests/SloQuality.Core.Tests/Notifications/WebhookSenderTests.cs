using SloQuality.Core.Notifications;
using SloQuality.Tests.Shared;

namespace SloQuality.Core.Tests.Notifications;

public sealed class WebhookSenderTests
{
    private static readonly NotificationSettings Quick = new() { Retries = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(20) };

    private static WebhookSender Sender(params string[] secrets) => new(new HttpClient(), Quick, new SecretScrubber(secrets), TimeProvider.System);

    [Fact]
    public async Task AServerErrorIsRetriedAndTheMessageDeliveredOnce()
    {
        using var receiver = new WebhookReceiver(500);
        var webhook = new Webhook("team", receiver.Url, new HashSet<string> { Webhook.AlertEvents });

        var delivery = await Sender().SendAsync(webhook, SlackMessage.Of("hello", ["figures"]), CancellationToken.None);

        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, receiver.Bodies.Count);
        Assert.Equal(receiver.Bodies[0], receiver.Bodies[1]);
    }

    [Fact]
    public async Task ABadRequestIsNotRetriedAndTheProblemDoesNotNameTheUrl()
    {
        using var receiver = new WebhookReceiver(400);
        var webhook = new Webhook("team", receiver.Url, new HashSet<string> { Webhook.AlertEvents });

        var delivery = await Sender().SendAsync(webhook, SlackMessage.Of("hello", []), CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.StartsWith("HTTP 400", delivery.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", delivery.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiverThatStaysDownGetsTheConfiguredRetriesThenAFailure()
    {
        using var receiver = new WebhookReceiver(503, 503, 503, 503, 503);
        var webhook = new Webhook("team", receiver.Url, new HashSet<string> { Webhook.AlertEvents });

        var delivery = await Sender().SendAsync(webhook, SlackMessage.Of("hello", []), CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(4, delivery.Attempts);
        Assert.Equal(4, receiver.Bodies.Count);
    }

    [Fact]
    public async Task AKnownSecretNeverLeavesInAPayload()
    {
        using var receiver = new WebhookReceiver();
        var webhook = new Webhook("team", receiver.Url, new HashSet<string> { Webhook.AlertEvents });
        const string key = "sk-live-0123456789abcdef";

        await Sender(key, receiver.Url.ToString()).SendAsync(webhook, SlackMessage.Of($"an SLO named after {key}", [$"see {receiver.Url}"]), CancellationToken.None);

        var body = Assert.Single(receiver.Bodies);
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", body, StringComparison.Ordinal);
        Assert.Contains("[redacted]", body, StringComparison.Ordinal);
    }
}
