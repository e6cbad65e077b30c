using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using SloQuality.Core.Configuration;

namespace SloQuality.Inference.Embeddings;

/// <summary>
/// Builds the embedding generator <c>drift.yaml</c> asks for: the local MiniLM, or a remote
/// OpenAI-compatible model through Microsoft.Extensions.AI's OpenAI adapter. The key is read from the
/// named environment variable and goes nowhere but the request header.
/// </summary>
public static class EmbeddingGeneratorFactory
{
    public static (IEmbeddingGenerator<string, Embedding<float>>? Generator, string? Problem) Create(EmbeddingSettings settings, Func<string, string?> environment)
    {
        if (settings.Provider == EmbeddingSettings.Local)
        {
            return (new MiniLmEmbeddingGenerator(), null);
        }

        string? key = null;
        if (settings.ApiKeyEnv is { } variable)
        {
            key = environment(variable);
            if (string.IsNullOrEmpty(key))
            {
                return (null, $"embedding: the environment variable {variable} (api_key_env) is not set");
            }
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        };
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key), options);
        var remote = client.GetEmbeddingClient(settings.Model!).AsIEmbeddingGenerator();
        return (new BatchingEmbeddingGenerator(remote, settings.BatchSize), null);
    }
}
