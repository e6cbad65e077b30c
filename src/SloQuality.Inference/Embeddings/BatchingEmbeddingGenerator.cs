using Microsoft.Extensions.AI;

namespace SloQuality.Inference.Embeddings;

/// <summary>
/// Sends a remote embedding model at most <c>batchSize</c> texts per request: a run's outputs can be
/// thousands, more than an endpoint takes at once, and a failed request then costs one batch.
/// </summary>
internal sealed class BatchingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int batchSize)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var all = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var chunk in values.Chunk(batchSize))
        {
            var part = await base.GenerateAsync(chunk, options, cancellationToken).ConfigureAwait(false);
            if (part.Count != chunk.Length)
            {
                throw new InvalidOperationException($"the embedding endpoint returned {part.Count} vectors for {chunk.Length} texts");
            }

            all.AddRange(part);
        }

        return all;
    }
}
