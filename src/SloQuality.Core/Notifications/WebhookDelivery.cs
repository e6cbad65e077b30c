namespace SloQuality.Core.Notifications;

/// <summary>How a post went: delivered or not, after how many attempts, and the last problem (never the URL, which may hold a token).</summary>
public sealed record WebhookDelivery(string Webhook, bool Delivered, int Attempts, string? Problem);
