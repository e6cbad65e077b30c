using SloQuality.Core.Scoring;

namespace SloQuality.Core.Tests.Scoring;

/// <summary>Multiple-choice references are option letters: "A" is an option, never an article.</summary>
public sealed class ChoiceScorerTests
{
    private static readonly CorrectnessJudge Judge = new();

    [Theory]
    [InlineData("A", "Answer: A", true)]
    [InlineData("B", "Answer: B", true)]
    [InlineData("A", "Answer: B", false)]
    [InlineData("A", "A", true)]
    [InlineData("A", "a", true)]
    [InlineData("A", "(A)", true)]
    [InlineData("A", "A. Canberra, because it was purpose-built as the capital.", true)]
    [InlineData("C", "The answer is (C).", true)]
    [InlineData("C", "I think the answer is C because of the treaty.", true)]
    [InlineData("B", "A dog can swim, so I would say B.", false)]
    [InlineData("B", "A dog can swim.", false)]
    [InlineData("(D)", "Option D", true)]
    public void TheOptionTheOutputPicksIsComparedWithTheReference(string reference, string output, bool correct)
    {
        var verdict = Judge.Judge(Items.Make(reference: [reference]), output)!;

        Assert.Equal(correct, verdict.Correct);
    }

    [Theory]
    [InlineData("Answer: A", "A")]
    [InlineData("B) Sydney", "B")]
    [InlineData("A dog can swim.", null)]
    [InlineData("Paris", null)]
    public void ThePickedOptionIsAnUppercaseLetterStandingAlone(string output, string? picked) =>
        Assert.Equal(picked, ChoiceScorer.Picked(output));

    [Fact]
    public void TheChoiceAssertionNamesWhatWasPickedAndWhatWasExpected()
    {
        var item = Items.Make(reference: ["Canberra"], assertions: Items.Assert("choice", "\"C\""));

        var verdict = Judge.Judge(item, "Answer: B")!;

        Assert.False(verdict.Correct);
        Assert.Equal("the output picks B, expected C", verdict.Scores.Single().Reason);
    }
}
