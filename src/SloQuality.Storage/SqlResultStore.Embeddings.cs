using Dapper;
using SloQuality.Core.Drift;

namespace SloQuality.Storage;

/// <summary>Output embeddings as float32 blobs keyed by (model, text hash): 1.5 KB per MiniLM vector.</summary>
public abstract partial class SqlResultStore
{
    public async Task<IReadOnlyDictionary<string, float[]>> GetEmbeddingsAsync(string model, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Chunks keep the statement under SQLite's bound-parameter limit.
        foreach (var chunk in textHashes.Chunk(500))
        {
            // Placeholders spelled out: Dapper would hand PostgreSQL the list as one array parameter,
            // which IN does not take (and SQLite has no = ANY).
            var parameters = new DynamicParameters(new { model });
            var names = chunk.Select((hash, i) =>
            {
                parameters.Add("h" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), hash);
                return "@h" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
            var rows = await connection.QueryAsync<(string Hash, byte[] Vector)>(
                $"SELECT text_hash, vector FROM embeddings WHERE model = @model AND text_hash IN ({string.Join(", ", names)})",
                parameters).ConfigureAwait(false);
            foreach (var (hash, vector) in rows)
            {
                found[hash] = EmbeddingVectors.FromBytes(vector);
            }
        }

        return found;
    }

    public async Task PutEmbeddingsAsync(string model, IReadOnlyList<(string TextHash, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var now = Iso(DateTimeOffset.UtcNow);
        await connection.ExecuteAsync(
            "INSERT INTO embeddings (model, text_hash, dimensions, vector, created_at) VALUES (@Model, @Hash, @Dimensions, @Vector, @Now) ON CONFLICT DO NOTHING",
            vectors.Select(v => new { Model = model, Hash = v.TextHash, Dimensions = v.Vector.Length, Vector = EmbeddingVectors.ToBytes(v.Vector), Now = now }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
