using SloQuality.Core.Configuration;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Replay;

namespace SloQuality.Cli.Commands;

/// <summary>
/// A run whose every call failed because the target could not be reached or refused us (see
/// <see cref="ReplayFailure.MeansUnreachable"/>) measured nothing: the command exits 3 with the first
/// failure's reason. A run with some such failures still counts them and exits 0.
/// </summary>
internal static class UnreachableTarget
{
    /// <summary>The line to print, or null when at least one call reached the target (or there were none).</summary>
    public static string? Describe(IReadOnlyList<ItemResult> results, ModelTarget target)
    {
        if (results.Count == 0 || !results.All(r => ReplayFailure.StoredMeansUnreachable(r.ErrorKind, r.Error)))
        {
            return null;
        }

        // The stored text is "kind[ status]: message"; the message is the reason.
        var first = results[0].Error!;
        var colon = first.IndexOf(": ", StringComparison.Ordinal);
        var reason = colon < 0 ? first : first[(colon + 2)..];
        var status = first.StartsWith("http_error ", StringComparison.Ordinal) ? $"HTTP {first[11..14]} " : string.Empty;
        // Scheme, host, port and path only: user info or a query may carry a credential.
        var where = target.Endpoint is { } endpoint ? $" ({endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)})" : string.Empty;
        return $"every request to {target.Name} failed: {status}{reason}{where}";
    }
}
