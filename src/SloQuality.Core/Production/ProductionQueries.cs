namespace SloQuality.Core.Production;

/// <summary>
/// The PromQL that reads one model target's production traffic. Each query returns cumulative
/// counters (histogram buckets with an <c>le</c> label, or plain counters); the importer takes their
/// increases between five-minute boundaries itself, so no <c>rate()</c> extrapolation blurs the
/// counts. <c>{model_name}</c> is replaced by the target's model name. The defaults are vLLM's names.
/// </summary>
public sealed record ProductionQueries
{
    public const string ModelNamePlaceholder = "{model_name}";

    /// <summary>Time to first token histogram buckets (seconds).</summary>
    public string Ttft { get; init; } = "vllm:time_to_first_token_seconds_bucket{model_name=\"{model_name}\"}";

    /// <summary>
    /// Inter-token gap histogram buckets (seconds). vLLM 0.11 renamed <c>vllm:time_per_output_token_seconds</c>
    /// to <c>vllm:inter_token_latency_seconds</c> and later removed the old name: <c>or</c> takes the new
    /// series and the old one only where no new one has the same labels, so a server exporting both
    /// (during the deprecation) is not counted twice.
    /// </summary>
    public string InterToken { get; init; } =
        "vllm:inter_token_latency_seconds_bucket{model_name=\"{model_name}\"} or vllm:time_per_output_token_seconds_bucket{model_name=\"{model_name}\"}";

    /// <summary>End-to-end request latency histogram buckets (seconds).</summary>
    public string Total { get; init; } = "vllm:e2e_request_latency_seconds_bucket{model_name=\"{model_name}\"}";

    /// <summary>Every finished request, whatever its finish reason (aborts included).</summary>
    public string Requests { get; init; } = "vllm:request_success_total{model_name=\"{model_name}\"}";

    /// <summary>Requests that ended well (stopped or hit their length), the good events of availability.</summary>
    public string Good { get; init; } = "vllm:request_success_total{model_name=\"{model_name}\",finished_reason=~\"stop|length\"}";

    /// <summary>The query with the model name put in (escaped as a PromQL string).</summary>
    public static string For(string query, string modelName) =>
        query.Replace(ModelNamePlaceholder, modelName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
}
