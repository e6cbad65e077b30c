using Xunit.Abstractions;

namespace SloQuality.Cli.Tests.Drift;

/// <summary>A/A: two runs of the same simulated model differ only by sampling; drift must stay quiet.</summary>
public sealed class SameModelPairsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyPairsOfTheSameModelRaiseAtMostOneDriftAlarm()
    {
        await using var calibration = new DriftCalibration();
        var (alarms, verdicts) = await calibration.CountAlarmsAsync("aa", 20, meaningShift: 0);

        verdicts.ForEach(output.WriteLine);
        output.WriteLine($"A/A: {alarms} drift alarms in 20 pairs (allowed: at most 1)");
        Assert.True(alarms <= 1, $"{alarms} false alarms in 20 A/A pairs");
    }
}
