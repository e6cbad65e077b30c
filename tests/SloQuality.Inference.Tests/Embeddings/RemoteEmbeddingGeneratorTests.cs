using SloQuality.Core.Configuration;
using SloQuality.Core.Drift;
using SloQuality.Inference.Embeddings;
using SloQuality.Simulator;

namespace SloQuality.Inference.Tests.Embeddings;

/// <summary>The remote path over real HTTP: the simulator's OpenAI-compatible <c>/v1/embeddings</c>.</summary>
public sealed class RemoteEmbeddingGeneratorTests
{
    [Fact]
    public async Task AnOpenAiCompatibleEndpointEmbedsInBatchesInOrder()
    {
        await using var simulator = await SimulatorHost.StartAsync([new SimulatorProfile { Model = "sim" }]);
        var settings = new EmbeddingSettings { Provider = EmbeddingSettings.OpenAi, Endpoint = simulator.BaseUri, Model = "sim-embedding", ApiKeyEnv = "SLOQ_TEST_EMBED_KEY", BatchSize = 4 };
        var (generator, problem) = EmbeddingGeneratorFactory.Create(settings, name => name == "SLOQ_TEST_EMBED_KEY" ? "secret" : null);
        Assert.Null(problem);
        using var _ = generator;

        var texts = Enumerable.Range(0, 10).Select(i => $"refund policy number {i}").Append("the weather in Helsinki").ToList();
        var vectors = await generator!.GenerateAsync(texts);

        Assert.Equal(texts.Count, vectors.Count);
        var again = await generator.GenerateAsync([texts[7]]);
        Assert.Equal(1.0, EmbeddingVectors.Cosine(vectors[7].Vector.Span, again[0].Vector.Span), 6);
        Assert.True(EmbeddingVectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span) > EmbeddingVectors.Cosine(vectors[0].Vector.Span, vectors[10].Vector.Span));
    }

    [Fact]
    public void AMissingKeyVariableIsNamed()
    {
        var settings = new EmbeddingSettings { Provider = EmbeddingSettings.OpenAi, Endpoint = new Uri("http://127.0.0.1:9/v1"), Model = "m", ApiKeyEnv = "SLOQ_UNSET_KEY" };
        var (generator, problem) = EmbeddingGeneratorFactory.Create(settings, _ => null);
        Assert.Null(generator);
        Assert.Equal("embedding: the environment variable SLOQ_UNSET_KEY (api_key_env) is not set", problem);
    }
}
