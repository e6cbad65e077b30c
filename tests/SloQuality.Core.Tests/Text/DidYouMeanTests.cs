using SloQuality.Core.Text;

namespace SloQuality.Core.Tests.Text;

public sealed class DidYouMeanTests
{
    private static readonly string[] Targets = ["sim-stable", "sim-candidate", "sim-judge", "gpt-4o-mini"];

    [Theory]
    [InlineData("sim-stabel", "sim-stable")]
    [InlineData("SIM-STABLE", "sim-stable")]
    [InlineData("sim-candiate", "sim-candidate")]
    [InlineData("gpt-4o-mni", "gpt-4o-mini")]
    [InlineData("sim-cand", "sim-candidate")]
    public void ASlipSuggestsTheNameItWasMeantToBe(string typed, string meant) =>
        Assert.Equal(meant, DidYouMean.Closest(typed, Targets));

    [Theory]
    [InlineData("gpt-7")]
    [InlineData("claude")]
    [InlineData("s")]
    public void ANameCloseToNothingSuggestsNothing(string typed)
    {
        Assert.Null(DidYouMean.Closest(typed, Targets));
        Assert.Equal(string.Empty, DidYouMean.Suffix(typed, Targets));
    }

    [Fact]
    public void TheSuffixQuotesTheSuggestion() =>
        Assert.Equal(" (did you mean 'factual-qa'?)", DidYouMean.Suffix("factual_qa", ["customer-support", "factual-qa", "invoice-extraction"]));
}
