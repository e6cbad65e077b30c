using SloQuality.Core.Statistics;

namespace SloQuality.Core.Tests.Statistics;

public sealed class McNemarTests
{
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 5, 0.0625)]          // 2 * 0.5^5
    [InlineData(2, 10, 0.0385742)]      // 2 * P(X <= 2), X ~ Binomial(12, 0.5)
    [InlineData(19, 59, 6.41506e-6)]    // the 2% -> 6% hallucination regression over 1,000 items
    public void TheExactPValueIsTheDoubledBinomialTailOfTheDiscordantPairs(int b, int c, double expected) =>
        Assert.Equal(expected, McNemar.ExactPValue(b, c), expected * 0.02 + 1e-9);

    [Fact]
    public void FiftyItemsCannotShowAHallucinationRateUnderTwoPercentAndTheNeededCountIsGiven()
    {
        Assert.True(RateEstimate.Wilson(0, 50).High > 0.02);
        var needed = EvidenceSize.ItemsToShowBelow(0.0, 0.02)!.Value;

        Assert.True(RateEstimate.Wilson(0, needed).High < 0.02);
        Assert.False(RateEstimate.Wilson(0, needed - 1).High < 0.02);
        Assert.Null(EvidenceSize.ItemsToShowBelow(0.03, 0.02));
    }
}
