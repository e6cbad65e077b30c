using SloQuality.Core.Drift;

namespace SloQuality.Core.Tests.Drift;

public sealed class DriftAnalyzerTests
{
    private static readonly DriftOptions Options = new() { Permutations = 999, ClassifierNullRounds = 19 };

    private static DriftAnalyzer Analyzer => new(DriftAnalyzer.DefaultTests, Options);

    [Fact]
    public void SamplingNoiseAloneIsNoDriftJudgedAgainstTheNoiseFloor()
    {
        var assessment = Analyzer.Analyze(SyntheticPairs.Make(60, 0, seed: 11), 0, "base", "test-model", null);

        Assert.Equal(DriftAssessment.NoDrift, assessment.Verdict);
        Assert.Equal("noise_floor", assessment.JudgedAgainst);
        Assert.NotNull(assessment.NoiseFloor);
        Assert.All(assessment.Tests, t => Assert.NotNull(t.AdjustedPValue));
    }

    [Fact]
    public void ItemsChangingMeaningAreDriftBeyondNoiseNamedInTheExplanation()
    {
        var assessment = Analyzer.Analyze(SyntheticPairs.Make(60, 0.15, seed: 12), 0, "base", "test-model", null);

        Assert.Equal(DriftAssessment.Drift, assessment.Verdict);
        Assert.Contains(assessment.Tests, t => t.Name == "beyond_noise" && t.Drifted);
        Assert.Contains("beyond_noise", assessment.Explanation);
        Assert.True(assessment.BelowThreshold.Successes >= 6, $"{assessment.BelowThreshold.Successes} items under the threshold");
    }

    [Fact]
    public void WithoutANoiseFloorTheMeanSimilarityIsHeldAgainstTheThreshold()
    {
        var pairs = SyntheticPairs.Make(40, 0, seed: 13).Select(p => p with { NoiseSimilarity = null }).ToList();
        var strict = new DriftAnalyzer(DriftAnalyzer.DefaultTests, Options with { MinimumMeanSimilarity = 0.999 });

        var assessment = strict.Analyze(pairs, 0, "base", "test-model", null);

        Assert.Equal("threshold", assessment.JudgedAgainst);
        var rule = Assert.Single(assessment.Tests, t => t.Name == "mean_similarity");
        Assert.True(rule.Drifted);
        Assert.Null(assessment.NoiseFloor);
        Assert.Contains("absolute threshold", assessment.Explanation);
    }

    [Fact]
    public void TooFewItemsGiveInsufficientData()
    {
        var assessment = Analyzer.Analyze(SyntheticPairs.Make(5, 0.5, seed: 14), 2, "base", "test-model", null);

        Assert.Equal(DriftAssessment.InsufficientData, assessment.Verdict);
        Assert.Equal(2, assessment.ItemsWithoutBaseline);
        Assert.Equal(5, assessment.MeanSimilarity.N);
    }

    [Fact]
    public void EmbeddingsSurviveTheirStorageForm()
    {
        float[] vector = [0.25f, -1.5f, 3.1415927f, float.Epsilon];
        Assert.Equal(vector, EmbeddingVectors.FromBytes(EmbeddingVectors.ToBytes(vector)));
        Assert.Throws<FormatException>(() => EmbeddingVectors.FromBytes(new byte[5]));
    }
}
