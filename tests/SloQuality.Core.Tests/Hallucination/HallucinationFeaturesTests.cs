using SloQuality.Core.Hallucination.Features;

namespace SloQuality.Core.Tests.Hallucination;

/// <summary>The features on hand-made cases, with embeddings set by hand so only the text-side logic is under test.</summary>
public sealed class HallucinationFeaturesTests
{
    private static readonly ReadOnlyMemory<float> Same = new float[] { 1, 0, 0 };

    private static float Feature(string name, string claim, string[] references, string[]? incorrect = null, string question = "What happens?")
    {
        var set = new EvidenceSet(references.Select(r => new Evidence(r, Same, Same)).ToList(), [], (incorrect ?? []).Select(r => new Evidence(r, Same, Same)).ToList(), question);
        var features = HallucinationFeatures.Compute(new Evidence(claim, Same, Same), set);
        return features[HallucinationFeatures.Names.ToList().IndexOf(name)];
    }

    [Fact]
    public void ANegatedClaimMismatchesTheClosestReference()
    {
        Assert.Equal(1, Feature("neg_mismatch_ref", "You cannot cancel at any time.", ["You can cancel at any time."]));
        Assert.Equal(0, Feature("neg_mismatch_ref", "Cancelling is possible at any time.", ["You can cancel at any time."]));
    }

    [Fact]
    public void AChangedNumberIsAKeyFactAbsentFromTheEvidence()
    {
        Assert.Equal(1, Feature("facts_absent", "Refunds take 2 to 3 days.", ["Refunds take 5 to 7 days."]));
        Assert.Equal(0, Feature("facts_absent", "Refunds take five to 7 days, or 5.", ["Refunds take 5 to 7 days."]));
    }

    [Fact]
    public void AnUnsupportedNameIsAbsentAndOneTheIncorrectClaimsHoldIsCounterEvidence()
    {
        Assert.Equal(1, Feature("facts_absent", "It was designed by Charles Garnier.", ["It was designed by Gustave Eiffel's company."]));
        Assert.Equal(1, Feature("facts_counter_only", "It was designed by Le Corbusier.", ["It was designed by Gustave Eiffel's company."], ["It was designed by Le Corbusier."]));
    }

    [Fact]
    public void WordsOnlyTheCounterEvidenceHoldsAreCountedWithoutTheQuestionsWords()
    {
        var share = Feature("words_counter_only", "Fortune cookies originated in China.", ["Fortune cookies originated in California."], ["Fortune cookies originated in China."], "Where did fortune cookies originate?");

        Assert.Equal(1, share);   // "china" is the only word the answer adds to the question
    }

    [Fact]
    public void HedgingAndAbstentionAreCues()
    {
        Assert.Equal(1, Feature("hedges", "It might possibly cause arthritis.", ["There is no evidence it causes arthritis."]));
        Assert.Equal(1, Feature("abstains", "I don't know.", ["Canberra."]));
        Assert.Equal(0, Feature("abstains", "Canberra.", ["Canberra."]));
    }

    [Fact]
    public void LengthIsLeftOutUnlessAskedFor()
    {
        var set = new EvidenceSet([new Evidence("a b c", Same, Same)], [], [], "q");

        Assert.Equal(HallucinationFeatures.Names.Count, HallucinationFeatures.Compute(new Evidence("a b", Same, Same), set).Length);
        Assert.Equal(HallucinationFeatures.Names.Count + 1, HallucinationFeatures.Compute(new Evidence("a b", Same, Same), set, withLength: true).Length);
    }
}
