namespace SloQuality.Inference.Embeddings;

/// <summary>How the local MiniLM embedding generator batches and truncates.</summary>
public sealed record MiniLmOptions
{
    /// <summary>
    /// Texts per ONNX call. Default 16: measured on 2 cores, 16 beat 8, 32 and 64 for both short
    /// sentences and 100-word paragraphs (larger batches of long texts fall out of the caches).
    /// </summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// Tokens per text including [CLS] and [SEP]. Default 256, the length the model was trained at
    /// (sentence-transformers' <c>max_seq_length</c>); longer text is cut, as the reference library does.
    /// </summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>
    /// Batches embedded at once. Default 1, with ONNX Runtime spreading each operator over the cores;
    /// more than 1 runs each batch on one thread instead (measured no faster on 2 cores, may be on many).
    /// </summary>
    public int Parallelism { get; init; } = 1;

    public void Validate()
    {
        if (Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "parallelism must be 1 or more");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be 1 or more");
        }

        if (MaxTokens is < 3 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "max tokens must be between 3 and 512 (the model's position limit)");
        }
    }
}
