using SloQuality.Core.Scoring;

namespace SloQuality.Core.Tests.Scoring;

public sealed class CorrectnessJudgeTests
{
    private readonly CorrectnessJudge judge = new();

    [Fact]
    public void AnOutputContainingTheReferenceIsCorrect()
    {
        var verdict = judge.Judge(Items.Make(reference: ["Canberra"]), "It's Canberra, not Sydney as many think.")!;

        Assert.True(verdict.Correct);
        Assert.Equal(1, verdict.Score);
    }

    [Fact]
    public void AParaphraseThatKeepsTheFactsIsCorrect()
    {
        var item = Items.Make(reference: ["Refunds go back to your card within 5 to 7 business days."]);

        Assert.True(judge.Judge(item, "Sure. Your refund goes back to your card inside of 5 to 7 business days.")!.Correct);
    }

    [Fact]
    public void AChangedNumberFailsDespiteHighWordOverlap()
    {
        var item = Items.Make(reference: ["Refunds go back to your card within 5 to 7 business days."]);

        var verdict = judge.Judge(item, "Refunds go back to your card within 15 to 7 business days.")!;

        Assert.False(verdict.Correct);
        Assert.Contains("key facts of the reference missing: 5", verdict.Reasons.Single());
    }

    [Fact]
    public void AChangedNameFails()
    {
        var verdict = judge.Judge(Items.Make(), "The capital of Australia is Sydney.")!;

        Assert.False(verdict.Correct);
        Assert.True(verdict.Score < ReferenceScorer.PassThreshold);
    }

    [Fact]
    public void MatchingAKnownIncorrectClaimFails()
    {
        var item = Items.Make(reference: ["No, bats are not blind."], incorrect: ["Yes, all bats are completely blind."]);

        var verdict = judge.Judge(item, "Yes, bats are completely blind.")!;

        Assert.False(verdict.Correct);
        Assert.Contains("known-incorrect claim", verdict.Reasons.Single());
    }

    [Fact]
    public void AnUnanswerableItemNeedsAnAbstention()
    {
        var item = Items.Make(prompt: "Who won the 2042 World Cup?", reference: ["I don't know."], answerable: false);

        Assert.True(judge.Judge(item, "I don't know; that has not happened yet.")!.Correct);
        Assert.False(judge.Judge(item, "Brazil won it.")!.Correct);
    }

    [Fact]
    public void AssertionsReplaceTheReferenceAndAllMustPass()
    {
        var item = Items.Make(assertions: [Items.Assert("contains", "\"Canberra\""), Items.Assert("regex", "\"^The\"", weight: 3)]);

        var verdict = judge.Judge(item, "Canberra is the capital.")!;

        Assert.False(verdict.Correct);
        Assert.Equal(0.25, verdict.Score, 6);
        Assert.Equal(2, verdict.Scores.Count);
    }
}
