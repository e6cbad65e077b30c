using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Simulator.Tests;

public sealed class AnswerGeneratorTests
{
    private static readonly GoldenItem Refund = new()
    {
        Id = "refund",
        Input = [new ChatMessage("user", "How long do refunds take?")],
        Reference = ["Refunds reach your card within 5 to 7 business days."],
    };

    private static SimulatorProfile Profile(double hallucination, double paraphrase) =>
        new() { Model = "m", HallucinationRate = hallucination, ParaphraseRate = paraphrase };

    [Fact]
    public void AnswersFollowTheConfiguredRates()
    {
        var random = new Random(3);
        var kinds = Enumerable.Range(0, 4000).Select(_ => AnswerGenerator.Answer(Refund, Profile(0.2, 0.3), random).Kind).ToList();

        // Binomial(4000, p): three standard deviations is about ±2.2 points at p = 0.3.
        Assert.InRange(kinds.Count(k => k == AnswerKind.Hallucination) / 4000.0, 0.18, 0.22);
        Assert.InRange(kinds.Count(k => k == AnswerKind.Paraphrase) / 4000.0, 0.28, 0.32);
        Assert.InRange(kinds.Count(k => k == AnswerKind.Reference) / 4000.0, 0.48, 0.52);
    }

    [Fact]
    public void AHallucinationChangesAFactOfTheReference()
    {
        var (text, kind) = AnswerGenerator.Answer(Refund, Profile(1, 0), new Random(1));

        Assert.Equal(AnswerKind.Hallucination, kind);
        Assert.NotEqual(Refund.Reference[0], text);
        Assert.StartsWith("Refunds reach your card within", text);
    }

    [Fact]
    public void AHallucinationMayBeAKnownIncorrectClaim()
    {
        var item = Refund with { Incorrect = ["Refunds take 30 days."] };

        var answers = Enumerable.Range(0, 50).Select(i => AnswerGenerator.Answer(item, Profile(1, 0), new Random(i)).Text).ToList();

        Assert.Contains("Refunds take 30 days.", answers);
    }

    [Fact]
    public void AParaphraseOfJsonIsStillTheSameJson()
    {
        var item = Refund with { Reference = ["""{"vendor": "Acme", "total": 12.5}"""] };

        var (text, kind) = AnswerGenerator.Answer(item, Profile(0, 1), new Random(2));

        Assert.Equal(AnswerKind.Paraphrase, kind);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(12.5, document.RootElement.GetProperty("total").GetDouble());
    }

    [Fact]
    public void AnUnanswerableItemIsDeclinedUnlessHallucinating()
    {
        var item = Refund with { Answerable = false, Incorrect = ["Brazil won."] };

        Assert.Equal(AnswerKind.Abstention, AnswerGenerator.Answer(item, Profile(0, 0), new Random(1)).Kind);
        Assert.Equal(("Brazil won.", AnswerKind.Hallucination), AnswerGenerator.Answer(item, Profile(1, 0), new Random(1)));
    }

    [Fact]
    public void AnUnknownPromptGetsAnAdmissionOfIgnorance() =>
        Assert.Equal(AnswerKind.Unknown, AnswerGenerator.Answer(null, Profile(0, 0), new Random(1)).Kind);
}
