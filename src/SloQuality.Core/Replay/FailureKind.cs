namespace SloQuality.Core.Replay;

/// <summary>Why a replay did not produce a complete answer.</summary>
public enum FailureKind
{
    /// <summary>An HTTP error status other than 429 (500, 503, 400, ...).</summary>
    HttpError,

    /// <summary>429 after the retries allowed by the target.</summary>
    RateLimited,

    /// <summary>No complete answer within the per-request timeout.</summary>
    Timeout,

    /// <summary>The connection failed or was reset before any answer arrived.</summary>
    ConnectionReset,

    /// <summary>The stream broke after part of the answer had arrived.</summary>
    StreamCut,

    /// <summary>The provider refused with <c>finish_reason: content_filter</c>.</summary>
    ContentFilter,

    /// <summary>The answer stopped at the token limit (<c>finish_reason: length</c>).</summary>
    Truncated,

    /// <summary>A recorded-outputs file has no output for this item.</summary>
    NotRecorded,

    /// <summary>Anything else the client could not classify.</summary>
    Other,
}
