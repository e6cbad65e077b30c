using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace SloQuality.Core.Drift;

/// <summary>
/// Embeds texts through any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (the local MiniLM or a
/// remote model), asking the generator only for texts the store has not seen with that model, each
/// distinct text once.
/// </summary>
public sealed class EmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> generator, IEmbeddingStore store)
{
    /// <summary>The model's name as stored with each vector (a changed model never reuses old vectors).</summary>
    public string Model { get; } = ModelName(generator);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var hashes = texts.Select(Hash).ToArray();
        var distinct = hashes.Distinct(StringComparer.Ordinal).ToList();
        var known = await store.GetEmbeddingsAsync(Model, distinct, cancellationToken).ConfigureAwait(false);
        var vectors = new Dictionary<string, float[]>(known, StringComparer.Ordinal);
        var missing = distinct.Where(h => !vectors.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            var textOf = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < texts.Count; i++)
            {
                textOf.TryAdd(hashes[i], texts[i]);
            }

            var generated = await generator.GenerateAsync(missing.Select(h => textOf[h]), cancellationToken: cancellationToken).ConfigureAwait(false);
            var fresh = missing.Select((h, i) => (h, generated[i].Vector.ToArray())).ToList();
            await store.PutEmbeddingsAsync(Model, fresh, cancellationToken).ConfigureAwait(false);
            foreach (var (h, v) in fresh)
            {
                vectors[h] = v;
            }
        }

        return hashes.Select(h => vectors[h]).ToArray();
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string ModelName(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = metadata?.ProviderName ?? "embeddings";
        return $"{provider}/{metadata?.DefaultModelId ?? "default"}";
    }
}
