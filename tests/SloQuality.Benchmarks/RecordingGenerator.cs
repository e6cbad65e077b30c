using Microsoft.Extensions.AI;

namespace SloQuality.Benchmarks;

/// <summary>Passes every call to the generator and keeps the texts it was asked for, so a benchmark can embed the same texts again on their own.</summary>
internal sealed class RecordingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly List<string> texts = [];

    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (texts)
            {
                return texts.ToList();
            }
        }
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var asked = values.ToList();
        lock (texts)
        {
            texts.AddRange(asked);
        }

        return inner.GenerateAsync(asked, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The inner generator belongs to the caller.
    }
}
