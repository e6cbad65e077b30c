using SloQuality.Core.Drift;

namespace SloQuality.Core.Tests.Drift;

public sealed class DriftTestTests
{
    private static readonly DriftOptions Options = new() { Permutations = 999, ClassifierNullRounds = 19 };

    [Theory]
    [InlineData(typeof(BeyondNoiseTest))]
    [InlineData(typeof(MmdTest))]
    [InlineData(typeof(CentroidDistanceTest))]
    public void SamplesOfTheSameModelAreNotSignificant(Type test)
    {
        var run = ((IDriftTest)Activator.CreateInstance(test)!).Run(SyntheticPairs.Make(60, 0, seed: 3), Options)!;
        Assert.True(run.PValue > 0.05, $"{run.Name}: p = {run.PValue}, statistic {run.Statistic}");
    }

    [Fact]
    public void AShareOfItemsChangingMeaningIsDriftBeyondNoise()
    {
        // Each moved item lands on another random meaning, so the pooled outputs look alike (MMD sees
        // nothing); only the pairing of each item with its own baseline shows the move.
        var run = new BeyondNoiseTest().Run(SyntheticPairs.Make(60, 0.2, seed: 4), Options)!;
        Assert.True(run.PValue < 0.01, $"p = {run.PValue}, statistic {run.Statistic}");
        Assert.True(run.Statistic > run.Threshold, $"statistic {run.Statistic} under threshold {run.Threshold}");
    }

    [Theory]
    [InlineData(typeof(MmdTest))]
    [InlineData(typeof(CentroidDistanceTest))]
    public void AChangeOfStyleAcrossTheSetIsSignificant(Type test)
    {
        var run = ((IDriftTest)Activator.CreateInstance(test)!).Run(SyntheticPairs.Make(60, 0, seed: 4).Select(Tilt).ToList(), Options)!;
        Assert.True(run.PValue < 0.01, $"{run.Name}: p = {run.PValue}, statistic {run.Statistic}");
        Assert.True(run.Statistic > run.Threshold, $"{run.Name}: statistic {run.Statistic} under threshold {run.Threshold}");
    }

    [Fact]
    public void TheDomainClassifierSeparatesAShiftedModelAndNotTheSameOne()
    {
        var same = new DomainClassifierTest().Run(SyntheticPairs.Make(40, 0, seed: 5), Options)!;
        var shifted = new DomainClassifierTest().Run(SyntheticPairs.Make(40, 0, seed: 6).Select(Tilt).ToList(), Options)!;

        Assert.True(same.PValue > 0.05, $"same model: AUC {same.Statistic}, p {same.PValue}");
        Assert.True(shifted.Statistic > 0.8 && shifted.PValue <= 0.05, $"tilted outputs: AUC {shifted.Statistic}, p {shifted.PValue}");
    }

    [Fact]
    public void BeyondNoiseDoesNotApplyWithoutANoiseFloor()
    {
        var pairs = SyntheticPairs.Make(30, 0, seed: 7).Select(p => p with { NoiseSimilarity = null }).ToList();
        Assert.Null(new BeyondNoiseTest().Run(pairs, Options));
    }

    [Fact]
    public void TheSameInputsGiveTheSamePValues()
    {
        var pairs = SyntheticPairs.Make(40, 0.1, seed: 8);
        Assert.Equal(new MmdTest().Run(pairs, Options), new MmdTest().Run(pairs, Options));
    }

    [Fact]
    public void RocAucIsTheChanceAPositiveOutscoresANegative()
    {
        Assert.Equal(1.0, SloQuality.Core.Statistics.RocAuc.Of([(0.9, true), (0.8, true), (0.1, false)]));
        Assert.Equal(0.0, SloQuality.Core.Statistics.RocAuc.Of([(0.1, true), (0.8, false), (0.9, false)]));
        Assert.Equal(0.5, SloQuality.Core.Statistics.RocAuc.Of([(0.5, true), (0.5, false)]));
        Assert.Equal(0.75, SloQuality.Core.Statistics.RocAuc.Of([(0.9, true), (0.3, true), (0.5, false), (0.1, false)]));
    }

    /// <summary>The current output leans toward one fixed direction: a change of style across every item.</summary>
    private static DriftPair Tilt(DriftPair pair)
    {
        var tilted = pair.Current.Select((v, k) => v + (k == 0 ? 0.6f : 0f)).ToArray();
        var norm = MathF.Sqrt(tilted.Sum(x => x * x));
        return pair with { Current = tilted.Select(x => x / norm).ToArray() };
    }
}
