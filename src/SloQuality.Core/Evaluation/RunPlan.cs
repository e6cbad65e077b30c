namespace SloQuality.Core.Evaluation;

/// <summary>
/// How a run is split for workers: the dataset file as it was when the run started (path and bytes),
/// the chunk size, and the number of chunks.
/// </summary>
public sealed record RunPlan(string RunId, string DatasetPath, byte[] DatasetBytes, int ChunkSize, int Chunks);
