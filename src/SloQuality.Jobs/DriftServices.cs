using SloQuality.Core.Drift;

namespace SloQuality.Jobs;

/// <summary>The process's embedding cache (null when no embedding model could be made) and the drift options of <c>drift.yaml</c>.</summary>
public sealed record DriftServices(EmbeddingCache? Embeddings, DriftOptions Options);
