using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination;

/// <summary>Judges whether an output states things that its item's evidence does not support.</summary>
public interface IHallucinationDetector
{
    ValueTask<HallucinationVerdict> DetectAsync(GoldenItem item, string output, CancellationToken cancellationToken = default);
}
