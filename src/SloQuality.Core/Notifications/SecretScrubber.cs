namespace SloQuality.Core.Notifications;

/// <summary>
/// The last guard before a payload leaves: every secret the process knows of (API keys from the
/// environment variables the configuration names, webhook URLs) is replaced by <c>[redacted]</c>.
/// Messages are built from names and figures only; this makes sure a secret cannot ride along anyway.
/// </summary>
public sealed class SecretScrubber(IEnumerable<string> secrets)
{
    /// <summary>Shorter values are not treated as secrets (they would blank out ordinary words).</summary>
    private const int MinimumLength = 8;

    private readonly string[] secrets = secrets.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    public string Scrub(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }
}
