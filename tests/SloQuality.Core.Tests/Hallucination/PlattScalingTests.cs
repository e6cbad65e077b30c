using SloQuality.Core.Hallucination.Calibration;

namespace SloQuality.Core.Tests.Hallucination;

public sealed class PlattScalingTests
{
    [Fact]
    public void ScoresDrawnFromALogisticModelGiveItsParametersBack()
    {
        var random = new Random(3);
        var scored = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var s = (random.NextDouble() * 8) - 4;
            var p = 1 / (1 + Math.Exp(-((1.5 * s) - 0.5)));
            return (s, random.NextDouble() < p);
        }).ToList();

        var platt = PlattScaling.Fit(scored);

        Assert.InRange(platt.A, 1.4, 1.6);
        Assert.InRange(platt.B, -0.6, -0.4);
    }

    [Fact]
    public void APerfectlySeparatedSetStaysFinite()
    {
        var platt = PlattScaling.Fit([(-1, false), (-2, false), (1, true), (2, true)]);

        Assert.True(double.IsFinite(platt.A) && double.IsFinite(platt.B));
        Assert.InRange(platt.Probability(2), 0.6, 1);
        Assert.InRange(platt.Probability(-2), 0, 0.4);
    }
}
