using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination;

/// <summary>Judges whether an output states things that its item's evidence does not support.</summary>
public interface IHallucinationDetector
{
    HallucinationVerdict Detect(GoldenItem item, string output);
}
