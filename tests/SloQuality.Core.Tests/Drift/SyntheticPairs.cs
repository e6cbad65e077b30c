using SloQuality.Core.Drift;

namespace SloQuality.Core.Tests.Drift;

/// <summary>
/// Paired outputs in a small embedding space: each item has its own meaning (a random direction); a
/// sample of the model is that direction plus noise. A shifted item is answered with another meaning.
/// </summary>
internal static class SyntheticPairs
{
    public static List<DriftPair> Make(int items, double shiftedShare, int seed, double noise = 0.15, int dimensions = 24)
    {
        var random = new Random(seed);
        var pairs = new List<DriftPair>();
        for (var i = 0; i < items; i++)
        {
            var meaning = Direction(random, dimensions);
            var baseline = Sample(meaning, noise, random);
            var repeat = Sample(meaning, noise, random);
            var current = i < items * shiftedShare ? Sample(Direction(random, dimensions), noise, random) : Sample(meaning, noise, random);
            pairs.Add(new DriftPair($"item-{i}", baseline, current, EmbeddingVectors.Cosine(current, baseline), EmbeddingVectors.Cosine(repeat, baseline)));
        }

        return pairs;
    }

    private static float[] Direction(Random random, int dimensions) => Normalise(Enumerable.Range(0, dimensions).Select(_ => (float)Gaussian(random)).ToArray());

    private static float[] Sample(float[] meaning, double noise, Random random) =>
        Normalise(meaning.Select(v => v + (float)(noise * Gaussian(random) / Math.Sqrt(meaning.Length))).ToArray());

    private static float[] Normalise(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
