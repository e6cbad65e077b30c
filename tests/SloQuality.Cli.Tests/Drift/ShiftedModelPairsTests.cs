using Xunit.Abstractions;

namespace SloQuality.Cli.Tests.Drift;

/// <summary>A/B: the current model answers 15% of the items with another meaning; drift must be raised.</summary>
public sealed class ShiftedModelPairsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyPairsWhereFifteenPercentOfItemsChangeMeaningRaiseAtLeastNineteenAlarms()
    {
        await using var calibration = new DriftCalibration();
        var (alarms, verdicts) = await calibration.CountAlarmsAsync("ab", 20, meaningShift: 0.15);

        verdicts.ForEach(output.WriteLine);
        output.WriteLine($"A/B: {alarms} drift alarms in 20 pairs (required: at least 19)");
        Assert.True(alarms >= 19, $"only {alarms} alarms in 20 A/B pairs");
    }
}
