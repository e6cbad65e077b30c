namespace SloQuality.Core.Configuration;

/// <summary>
/// A model target from <c>jobs/targets.yaml</c>: where a model is, how to call it, and how hard.
/// Secrets are never held here, only the name of the environment variable that holds the API key.
/// </summary>
public sealed record ModelTarget
{
    public const string OpenAi = "openai";
    public const string Simulator = "simulator";
    public const string Recorded = "recorded";

    public static readonly IReadOnlyList<string> Providers = [OpenAi, Simulator, Recorded];

    public required string Name { get; init; }

    /// <summary><c>openai</c> (any OpenAI-compatible server), <c>simulator</c> or <c>recorded</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The OpenAI-compatible base URI, ending in <c>/v1</c>. For <c>simulator</c>, null means in-process.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model id sent in requests. For <c>simulator</c>, defaults to the target name.</summary>
    public string? Model { get; init; }

    /// <summary>The environment variable holding the API key (never the key itself).</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>For <c>simulator</c>: the profile file, relative to the config folder.</summary>
    public string? Profile { get; init; }

    /// <summary>For <c>recorded</c>: the recorded-outputs file.</summary>
    public string? File { get; init; }

    /// <summary>Sent as a system message before each item's input, unless the item has its own.</summary>
    public string? SystemPrompt { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>
    /// The request field that carries <see cref="MaxTokens"/>: <c>max_completion_tokens</c> (OpenAI's
    /// current name, the default) or <c>max_tokens</c> (what older vLLM, TGI and some llama.cpp builds read).
    /// </summary>
    public string TokenLimitField { get; init; } = MaxCompletionTokens;

    public const string MaxCompletionTokens = "max_completion_tokens";

    public const string MaxTokensField = "max_tokens";

    public double? TopP { get; init; }

    public long? Seed { get; init; }

    /// <summary>Requests in flight at once against this target. Default 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Per-request timeout. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public RetrySettings Retry { get; init; } = new();

    /// <summary>
    /// Retries for costly model calls are explicit: how many attempts in all, the first backoff, the
    /// longest wait (a longer <c>Retry-After</c> ends the retries), and whether a timeout is retried.
    /// </summary>
    public sealed record RetrySettings(int MaxAttempts = 3, double BaseDelaySeconds = 0.5, double MaxDelaySeconds = 30, bool RetryOnTimeout = false);
}
