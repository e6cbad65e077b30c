namespace SloQuality.Core.Hallucination.Training;

/// <summary>The ML.NET learners the detector can be trained with.</summary>
public enum DetectorAlgorithm
{
    /// <summary>Boosted trees (FastTree), calibrated with Platt scaling.</summary>
    FastTree,

    /// <summary>L-BFGS logistic regression on standardised features: smooth, hard to overfit.</summary>
    Logistic,
}
