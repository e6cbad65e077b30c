using SloQuality.Core.Hallucination.Features;

namespace SloQuality.Core.Tests.Hallucination;

/// <summary>Quantities read against the clauses of a passage: no embeddings are needed, so none are set.</summary>
public sealed class QuantityBindingTests
{
    private const string Passage = "The Vista 27 monitor supports a refresh rate of 144 Hz over DisplayPort and 60 Hz over HDMI.";

    private static string? Misbound(string claim) =>
        QuantityBinding.Misbound(new Evidence(claim, default), new EvidenceSet([], [new Evidence(Passage, default)], [], "What refresh rate does the Vista 27 monitor support?"));

    [Fact]
    public void AQuantityJoinedToANameThePassageGivesAnotherQuantityIsMisbound() =>
        Assert.Equal("says 144 hz with hdmi where the evidence gives hdmi 60 hz", Misbound("The Vista 27 supports 144 Hz over HDMI."));

    [Fact]
    public void EachQuantityWithItsOwnNameIsNotMisbound()
    {
        Assert.Null(Misbound("The Vista 27 supports 60 Hz over HDMI."));
        Assert.Null(Misbound("Over DisplayPort the Vista 27 runs at up to 144 Hz."));
    }

    [Fact]
    public void TheQuestionsTopicIsSharedByEveryClauseAndNeverMisbound() =>
        Assert.Null(Misbound("The Vista 27 runs at 60 Hz."));
}
