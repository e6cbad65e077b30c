using System.Text.Json;

namespace SloQuality.Core.Text;

/// <summary>Turns System.Text.Json's exception messages into the short form our <c>path:line</c> errors use.</summary>
public static class JsonErrors
{
    /// <summary><c>at column N: what is wrong</c>, without the parser's own position suffix.</summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        cut = cut > 0 ? cut : message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return e.BytePositionInLine is { } position ? $"at column {position + 1}: {text}" : text;
    }
}
