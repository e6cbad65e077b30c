using SloQuality.Core.Notifications;

namespace SloQuality.Core.Tests.Notifications;

public sealed class NotificationConfigurationTests
{
    [Fact]
    public void AWebhookUrlComesFromTheEnvironmentAndAnUnsetVariableTurnsTheWebhookOffWithAReason()
    {
        using var folder = new TempFolder();
        var path = folder.Write(NotificationConfiguration.FileName, "webhooks:\n  - name: a\n    url_env: HOOK_A\n  - name: b\n    url_env: HOOK_B\n    events: [alerts]\nretries: 2\nfirst_retry_delay: 500ms\n");

        var (settings, problems) = NotificationConfiguration.Load(folder.Path, v => v == "HOOK_A" ? "https://hooks.example.com/T/B/x" : null);

        var webhook = Assert.Single(settings.Webhooks);
        Assert.Equal("a", webhook.Name);
        Assert.True(webhook.Wants(Webhook.DailyReportEvents));
        Assert.Equal(2, settings.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.FirstRetryDelay);
        Assert.Equal($"{path}:4: webhooks[1] (b): the environment variable HOOK_B is not set, so this webhook is off", Assert.Single(problems).ToString());
    }

    [Fact]
    public void TheScrubberKnowsTheApiKeysTheTargetsName()
    {
        using var folder = new TempFolder();
        folder.Write("targets.yaml", "targets:\n  - name: real\n    provider: openai\n    endpoint: https://api.example.com/v1\n    model: m\n    api_key_env: MY_KEY\n");

        var scrubber = NotificationConfiguration.Scrubber(folder.Path, v => v == "MY_KEY" ? "sk-abcdefghijklmnop" : null);

        Assert.Equal("key [redacted] here", scrubber.Scrub("key sk-abcdefghijklmnop here"));
    }
}
