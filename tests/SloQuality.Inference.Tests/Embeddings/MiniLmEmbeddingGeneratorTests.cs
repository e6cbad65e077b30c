using SloQuality.Core.Drift;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Inference.Tests.Embeddings;

public sealed class MiniLmEmbeddingGeneratorTests : IClassFixture<MiniLmEmbeddingGeneratorTests.Model>
{
    private readonly MiniLmEmbeddingGenerator generator;

    public MiniLmEmbeddingGeneratorTests(Model model) => generator = model.Generator;

    [Fact]
    public async Task ThePublishedSentencePairGetsThePublishedSimilarity()
    {
        // The model card's example: 0.8939 with sentence-transformers in Python.
        var vectors = await generator.GenerateAsync(["The new movie is awesome", "The new movie is so great"]);
        Assert.Equal(0.8939, EmbeddingVectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span), 3);
    }

    [Fact]
    public async Task VectorsAreUnitLengthAndComeBackInTheOrderAsked()
    {
        string[] texts = ["A much longer sentence about the refund policy of the online store and its exceptions.", "Short.", "Medium length text here."];
        var batch = await generator.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await generator.GenerateAsync([texts[i]]);
            Assert.Equal(1.0, EmbeddingVectors.Cosine(batch[i].Vector.Span, alone[0].Vector.Span), 4);
            Assert.Equal(1.0, System.Numerics.Tensors.TensorPrimitives.Norm(batch[i].Vector.Span), 4);
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, batch[i].Vector.Length);
        }
    }

    [Fact]
    public async Task TextsSplitAcrossManyBatchesGetTheVectorsTheyGetAlone()
    {
        // Small limits force every way a batch can end: the text count, the padded-token budget, the
        // padding limit (lengths from 4 to 70 tokens), the last text; the order asked must survive the sort.
        using var small = new MiniLmEmbeddingGenerator(new MiniLmOptions { BatchSize = 4, MaxBatchTokens = 256 });
        var texts = Enumerable.Range(1, 23)
            .Select(i => string.Join(' ', Enumerable.Repeat(i % 2 == 0 ? "refund policy" : "late delivery", (i * 37 % 23) + 1)))
            .ToList();
        var batched = await small.GenerateAsync(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var alone = await generator.GenerateAsync([texts[i]]);
            Assert.Equal(1.0, EmbeddingVectors.Cosine(batched[i].Vector.Span, alone[0].Vector.Span), 4);
        }
    }

    [Fact]
    public void APaddingRatioBelowOneIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmOptions { MaxPaddingRatio = 0.9 }.Validate());

    [Fact]
    public async Task TextLongerThanTheTrainedLengthIsCutAt256Tokens()
    {
        var head = string.Join(' ', Enumerable.Repeat("refund", 300));
        Assert.Equal(256, generator.Tokenize(head).Length);
        var longer = await generator.GenerateAsync([head + " " + string.Join(' ', Enumerable.Repeat("weather", 300)), head]);
        Assert.Equal(1.0, EmbeddingVectors.Cosine(longer[0].Vector.Span, longer[1].Vector.Span), 4);
    }

    [Fact]
    public void AccentsAndCaseDoNotChangeTheTokens()
    {
        Assert.Equal(generator.Tokenize("cafe resume"), generator.Tokenize("Café RÉSUMÉ"));
    }

    [Fact]
    public void TheModelIsNamedInItsMetadata()
    {
        Assert.Equal("all-MiniLM-L6-v2", generator.Metadata.DefaultModelId);
        Assert.Equal(384, generator.Metadata.DefaultModelDimensions);
    }

    public sealed class Model : IDisposable
    {
        public MiniLmEmbeddingGenerator Generator { get; } = new();

        public void Dispose() => Generator.Dispose();
    }
}
