namespace SloQuality.Core.Replay;

/// <summary>A classified failure of one replay, kept with the item instead of being thrown away.</summary>
public sealed record ReplayFailure(FailureKind Kind, string Message, int? HttpStatus = null)
{
    /// <summary>
    /// Whether the failure means the service was not available: server errors, rate limiting, timeouts
    /// and broken connections. Content-filter refusals and truncation are answers the service gave, so
    /// they count against the success rate but not against availability.
    /// </summary>
    public bool CountsAgainstAvailability => Kind is FailureKind.HttpError or FailureKind.RateLimited
        or FailureKind.Timeout or FailureKind.ConnectionReset or FailureKind.StreamCut or FailureKind.Other;

    /// <summary>
    /// Whether the failure says the service could not be reached or refused the caller: no connection
    /// (refused, unknown host, TLS) or 401, 403, 407. When every call of a run fails so, the run measured
    /// the caller's set-up, not the service.
    /// </summary>
    public bool MeansUnreachable => Kind == FailureKind.ConnectionReset || (Kind == FailureKind.HttpError && HttpStatus is 401 or 403 or 407);

    /// <summary><see cref="MeansUnreachable"/> read back from an item's stored <c>error_kind</c> and <see cref="ShortText"/>.</summary>
    public static bool StoredMeansUnreachable(string? errorKind, string? error) =>
        errorKind == KindName(FailureKind.ConnectionReset)
        || (errorKind == KindName(FailureKind.HttpError) && error is not null
            && (error.StartsWith("http_error 401:", StringComparison.Ordinal) || error.StartsWith("http_error 403:", StringComparison.Ordinal) || error.StartsWith("http_error 407:", StringComparison.Ordinal)));

    /// <summary>The short text stored in <c>error</c>: kind, status, and a bounded message.</summary>
    public string ShortText
    {
        get
        {
            var kind = KindName(Kind);
            var status = HttpStatus is { } code ? $" {code}" : string.Empty;
            var message = Message.Length > 160 ? Message[..160] + "…" : Message;
            return $"{kind}{status}: {message}";
        }
    }

    public static string KindName(FailureKind kind) => kind switch
    {
        FailureKind.HttpError => "http_error",
        FailureKind.RateLimited => "rate_limited",
        FailureKind.Timeout => "timeout",
        FailureKind.ConnectionReset => "connection_reset",
        FailureKind.StreamCut => "stream_cut",
        FailureKind.ContentFilter => "content_filter",
        FailureKind.Truncated => "truncated",
        FailureKind.NotRecorded => "not_recorded",
        _ => "other",
    };
}
