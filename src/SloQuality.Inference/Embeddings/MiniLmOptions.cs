namespace SloQuality.Inference.Embeddings;

/// <summary>How the local MiniLM embedding generator batches and truncates.</summary>
public sealed record MiniLmOptions
{
    /// <summary>
    /// Texts per ONNX call at most; <see cref="MaxBatchTokens"/> limits all but the shortest. Default 256:
    /// single words (3-4 tokens) went at ~1,000/s in calls of 32 and ~2,000-2,400/s in calls of 256, the
    /// fixed cost of a call being about that of 30 such words; sentences are limited by tokens either way.
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// Padded tokens per ONNX call: long texts go in smaller batches so one call's activations stay in
    /// the caches. Measured on 2 cores with 140-token texts: 560 to 840 tokens per call is fastest,
    /// 1,120 about 2% and 4,480 (32 paragraphs, the package's batch) about 12% slower. Default 768.
    /// </summary>
    public int MaxBatchTokens { get; init; } = 768;

    /// <summary>
    /// How much longer than its shortest text a batch's longest may be (a few tokens more always). Default
    /// 1.25. Measured on 2 cores with a run's mixed texts (long grounded items: words, sentences and
    /// claims of 10 to 150 tokens): without this limit calls packed by tokens alone padded so much that
    /// one call of them all ran at 6,600 tokens/s against 7,400-7,800 with it, and a run's small calls at
    /// about half the speed; 1.1 made too many small batches (6,000 tokens/s).
    /// </summary>
    public double MaxPaddingRatio { get; init; } = 1.25;

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

        if (!(MaxPaddingRatio >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPaddingRatio), MaxPaddingRatio, "max padding ratio must be 1 or more");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be 1 or more");
        }

        if (MaxBatchTokens < MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchTokens), MaxBatchTokens, "max batch tokens must hold at least one text of MaxTokens");
        }

        if (MaxTokens is < 3 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "max tokens must be between 3 and 512 (the model's position limit)");
        }
    }
}
