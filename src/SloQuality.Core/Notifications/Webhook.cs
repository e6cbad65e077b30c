namespace SloQuality.Core.Notifications;

/// <summary>One configured receiver: its name, its URL (read from an environment variable when it holds a token), and the events it wants.</summary>
public sealed record Webhook(string Name, Uri Url, IReadOnlySet<string> Events)
{
    public const string AlertEvents = "alerts";
    public const string DailyReportEvents = "daily_report";

    public bool Wants(string events) => Events.Contains(events);
}
