namespace SloQuality.Inference.OpenAi;

/// <summary>
/// Finish reasons in the API's own spelling (<c>content_filter</c>), whatever form the connector
/// hands them over in (Semantic Kernel gives the SDK's enum name, such as <c>ContentFilter</c>).
/// </summary>
internal static class FinishReasons
{
    /// <summary>Ours: the stream carried a refusal instead of content (OpenAI ends it with "stop").</summary>
    public const string Refusal = "refusal";

    public static string Normalize(string reason) => reason.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "stop" => "stop",
        "length" => "length",
        "contentfilter" => "content_filter",
        "toolcalls" => "tool_calls",
        "functioncall" => "function_call",
        var other => other,
    };
}
