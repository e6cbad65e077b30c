namespace SloQuality.Core.Drift;

/// <summary>
/// Output embeddings kept beside the item results, keyed by (embedding model, SHA-256 of the text):
/// a text already embedded by a model is never embedded again, whichever run produced it.
/// </summary>
public interface IEmbeddingStore
{
    Task<IReadOnlyDictionary<string, float[]>> GetEmbeddingsAsync(string model, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken);

    /// <summary>Stores vectors; a (model, hash) already stored is left as it is.</summary>
    Task PutEmbeddingsAsync(string model, IReadOnlyList<(string TextHash, float[] Vector)> vectors, CancellationToken cancellationToken);
}
