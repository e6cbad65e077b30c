using System.Text.RegularExpressions;

namespace SloQuality.Core.Notifications;

/// <summary>
/// The guard on every text we keep or send that could carry a credential (error messages from
/// upstreams, webhook payloads): every secret the process knows of (API keys from the environment
/// variables the configuration names, webhook URLs, dashboard credentials) and anything shaped like a
/// credential (<c>Bearer ...</c>, <c>sk-...</c>, <c>api-key: ...</c>, a password in a URL) becomes
/// <c>[redacted]</c>. An upstream that echoes our Authorization header in its error must not put the
/// key into the store, the reports or the API.
/// </summary>
public sealed partial class SecretScrubber(IEnumerable<string> secrets)
{
    /// <summary>Shorter values are not treated as secrets (they would blank out ordinary words).</summary>
    private const int MinimumLength = 8;

    private readonly string[] secrets = secrets.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    public static SecretScrubber ShapesOnly { get; } = new([]);

    public string Scrub(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return ScrubShapes(text);
    }

    /// <summary>Credential shapes, whatever their value: what an upstream echoes need not be a key we know.</summary>
    public static string ScrubShapes(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        text = BearerToken().Replace(text, "$1[redacted]");
        text = KeyLike().Replace(text, "[redacted]");
        text = NamedKey().Replace(text, "$1[redacted]");
        return UrlPassword().Replace(text, "$1[redacted]@");
    }

    [GeneratedRegex(@"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{5,}[A-Za-z0-9_~+/=-]", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    /// <summary>OpenAI-style (<c>sk-</c>, <c>sk-proj-</c>), Anthropic, GitHub and Hugging Face tokens.</summary>
    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{16,}|hf_[A-Za-z0-9]{16,})")]
    private static partial Regex KeyLike();

    [GeneratedRegex(@"((?:api[-_ ]?key|x-api-key|access[-_ ]?token|password|secret)[""']?\s*[:=]\s*[""']?)[^\s""',;}]{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex NamedKey();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^\s/:@]+:)[^\s/@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();
}
