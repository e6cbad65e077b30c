namespace SloQuality.Core.Drift;

/// <summary>A test of whether the current outputs differ from the baseline's beyond chance.</summary>
public interface IDriftTest
{
    string Name { get; }

    /// <summary>
    /// The statistic and p-value (null when the test does not apply, for instance without a noise
    /// floor); <see cref="DriftTestResult.Drifted"/> is decided later, after the correction across tests.
    /// </summary>
    DriftTestResult? Run(IReadOnlyList<DriftPair> pairs, DriftOptions options);
}
