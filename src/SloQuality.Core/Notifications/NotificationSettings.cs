namespace SloQuality.Core.Notifications;

/// <summary>
/// <c>notifications.yaml</c>: the webhooks, how often a failed post is tried again and how long one
/// try may take. Defaults: 3 retries after 1 s, 2 s, 4 s (a <c>Retry-After</c> header wins), 10 s per try.
/// </summary>
public sealed record NotificationSettings
{
    public IReadOnlyList<Webhook> Webhooks { get; init; } = [];

    public int Retries { get; init; } = 3;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The link put in messages to the service (for example https://sloq.example.com); none by default.</summary>
    public Uri? PublicUrl { get; init; }
}
