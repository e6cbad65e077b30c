using System.Text.Json.Serialization;
using System.Text.Json;

namespace SloQuality.Core.Notifications;

/// <summary>
/// A Slack-compatible incoming-webhook message: <c>text</c> (the fallback every receiver shows) and
/// <c>blocks</c> of Markdown sections. Mattermost, Rocket.Chat, Teams workflows and most chat tools accept the same.
/// </summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks)
{
    public static SlackMessage Of(string headline, IEnumerable<string> sections) =>
        new(headline, [new SlackBlock("section", new SlackText("mrkdwn", headline)), .. sections.Select(s => new SlackBlock("section", new SlackText("mrkdwn", s)))]);

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Slack's mrkdwn needs only these three escaped; anything a model wrote stays text.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

public sealed record SlackBlock([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] SlackText Text);

public sealed record SlackText([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] string Text);
