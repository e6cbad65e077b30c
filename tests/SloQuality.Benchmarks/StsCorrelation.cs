using System.Globalization;
using SloQuality.Core.Statistics;
using SloQuality.Inference.Embeddings;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>sts</c>: Spearman correlation of our MiniLM cosine similarity with the STS Benchmark's human
/// scores (test split, 1,379 pairs, read from <c>../shared/datasets</c>). Published for this model:
/// 0.8203; a lower figure means the tokenizer or the pooling is wrong.
/// </summary>
internal static class StsCorrelation
{
    public static async Task<string> RunAsync()
    {
        var file = SharedDatasets.File("sts-benchmark", "sts-test.tsv");
        var pairs = File.ReadLines(file).Skip(1)
            .Select(line => line.Split('\t'))
            .Select(f => (Score: double.Parse(f[0], CultureInfo.InvariantCulture), A: f[1], B: f[2]))
            .ToList();
        using var generator = new MiniLmEmbeddingGenerator();
        var a = await generator.GenerateAsync(pairs.Select(p => p.A));
        var b = await generator.GenerateAsync(pairs.Select(p => p.B));
        var cosines = pairs.Select((_, i) => (double)System.Numerics.Tensors.TensorPrimitives.Dot(a[i].Vector.Span, b[i].Vector.Span)).ToList();
        var spearman = RankCorrelation.Spearman(cosines, pairs.Select(p => p.Score).ToList());
        Console.WriteLine($"pairs: {pairs.Count}; published for all-MiniLM-L6-v2: 0.8203; target >= 0.82");
        return $"sts: spearman {spearman.ToString("0.0000", CultureInfo.InvariantCulture)} over {pairs.Count} pairs";
    }
}
