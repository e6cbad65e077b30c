using System.Globalization;

namespace SloQuality.Core.Drift;

/// <summary>
/// "Drift beyond noise": per item, how much less similar the current output is to the baseline than
/// the baseline's own repeat was (d = noise − similarity). Under no drift the current output is just
/// another sample of the same model, so d is symmetric around 0 and random sign flips give the null.
/// Statistic: the mean drop; it must also reach the noise margin.
/// </summary>
public sealed class BeyondNoiseTest : IDriftTest
{
    public string Name => "beyond_noise";

    public DriftTestResult? Run(IReadOnlyList<DriftPair> pairs, DriftOptions options)
    {
        var drops = pairs.Where(p => p.NoiseSimilarity is not null).Select(p => p.NoiseSimilarity!.Value - p.Similarity).ToArray();
        if (drops.Length < options.MinimumItems)
        {
            return null;
        }

        var observed = drops.Average();
        var random = new Random(options.Seed);
        var atLeast = 0;
        for (var r = 0; r < options.Permutations; r++)
        {
            double sum = 0;
            foreach (var d in drops)
            {
                sum += random.Next(2) == 1 ? d : -d;
            }

            if (sum / drops.Length >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        var p = (1.0 + atLeast) / (1.0 + options.Permutations);
        var detail = string.Create(CultureInfo.InvariantCulture, $"mean similarity drop beyond the baseline's own repeat: {observed:0.0000} over {drops.Length} items (margin {options.NoiseMargin})");
        return new DriftTestResult(Name, observed, p, null, options.NoiseMargin, false, detail);
    }
}
