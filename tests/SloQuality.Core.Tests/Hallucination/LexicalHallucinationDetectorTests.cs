using SloQuality.Core.Hallucination;

namespace SloQuality.Core.Tests.Hallucination;

public sealed class LexicalHallucinationDetectorTests
{
    private readonly LexicalHallucinationDetector detector = new();

    [Fact]
    public void TheReferenceItselfIsNotAHallucination() =>
        Assert.False(detector.Detect(Items.Make(), "The capital of Australia is Canberra.").Hallucinated);

    [Fact]
    public void APoliteParaphraseIsNotAHallucination() =>
        Assert.False(detector.Detect(Items.Make(), "Good question. The capital of Australia is Canberra.").Hallucinated);

    [Fact]
    public void ANameAbsentFromTheEvidenceIsAnUnsupportedClaim()
    {
        var verdict = detector.Detect(Items.Make(), "The capital of Australia is Canberra. It was designed by Marseille.");

        Assert.True(verdict.Hallucinated);
        Assert.Equal(["It was designed by Marseille."], verdict.UnsupportedClaims);
    }

    [Fact]
    public void AClaimGroundedInTheContextIsSupported()
    {
        var item = Items.Make(context: ["Canberra was designed by Walter Burley Griffin and Marion Mahony Griffin."]);

        Assert.False(detector.Detect(item, "Canberra is the capital. It was designed by Walter Burley Griffin.").Hallucinated);
    }

    [Fact]
    public void AKnownIncorrectClaimScoresHighest()
    {
        var item = Items.Make(incorrect: ["The capital of Australia is Sydney."]);

        var verdict = detector.Detect(item, "The capital of Australia is Sydney.");

        Assert.True(verdict.Hallucinated);
        Assert.Equal(0.95, verdict.Score);
    }

    [Fact]
    public void AnsweringAnUnanswerableQuestionIsAHallucination()
    {
        var item = Items.Make(prompt: "Who won the 2042 World Cup?", answerable: false);

        Assert.True(detector.Detect(item, "Brazil won the 2042 World Cup.").Hallucinated);
        Assert.False(detector.Detect(item, "I don't know; that has not happened.").Hallucinated);
    }
}
