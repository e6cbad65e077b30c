namespace SloQuality.Core.Configuration;

/// <summary>
/// Which embedding model measures drift. <c>local</c> (default): all-MiniLM-L6-v2 offline. <c>openai</c>:
/// any OpenAI-compatible embeddings endpoint (ending in <c>/v1</c>), its key in the environment variable
/// named by <see cref="ApiKeyEnv"/>.
/// </summary>
public sealed record EmbeddingSettings
{
    public const string Local = "local";
    public const string OpenAi = "openai";

    public string Provider { get; init; } = Local;

    public Uri? Endpoint { get; init; }

    public string? Model { get; init; }

    public string? ApiKeyEnv { get; init; }

    /// <summary>Texts per request to a remote model. Default 64.</summary>
    public int BatchSize { get; init; } = 64;
}
