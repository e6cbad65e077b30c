using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination;
using SloQuality.Inference.Hallucination;
using SloQuality.Tests.Shared;

namespace SloQuality.Inference.Tests.Hallucination;

/// <summary>The shipped model (jobs/detector) on hand-made cases it was not trained on.</summary>
public sealed class TrainedHallucinationDetectorTests
{
    private static readonly Lazy<TrainedHallucinationDetector> Shipped = new(() =>
        HallucinationDetectorFactory.Trained(Path.Combine(RepositoryRoot.Path, "jobs", "detector", "hallucination-detector.zip")));

    private static GoldenItem Item(string question, string[] reference, string[]? incorrect = null, string[]? context = null, bool answerable = true) => new()
    {
        Id = "case",
        Input = [new ChatMessage("user", question)],
        Reference = reference,
        Incorrect = incorrect ?? [],
        Context = context ?? [],
        Answerable = answerable,
    };

    private static readonly GoldenItem Returns = Item(
        "Can I return an opened product?",
        ["Yes, opened products can be returned within 30 days with the receipt."],
        ["Opened products cannot be returned."]);

    private static Task<HallucinationVerdict> Detect(GoldenItem item, string output) => Shipped.Value.DetectAsync(item, output).AsTask();

    [Fact]
    public async Task AFaithfulParaphraseIsNotFlagged() =>
        Assert.False((await Detect(Returns, "You can return it even if it was opened, within 30 days, as long as you have the receipt.")).Hallucinated);

    [Fact]
    public async Task ANegationOfTheReferenceIsFlagged()
    {
        var verdict = await Detect(Returns, "No, once a product has been opened it cannot be returned.");

        Assert.True(verdict.Hallucinated);
        Assert.NotEmpty(verdict.UnsupportedClaims);
    }

    [Fact]
    public async Task AChangedNumberIsFlagged() =>
        Assert.True((await Detect(Item("How many moons does Mars have?", ["Mars has two moons, Phobos and Deimos."], ["Mars has no moons."]), "Mars has five moons.")).Hallucinated);

    [Fact]
    public async Task AnUnsupportedEntityIsFlagged()
    {
        var item = Item("Who wrote Pride and Prejudice?", ["Pride and Prejudice was written by Jane Austen."]);

        Assert.True((await Detect(item, "It was written by Virginia Woolf.")).Hallucinated);
        Assert.False((await Detect(item, "Jane Austen wrote it.")).Hallucinated);
    }

    [Fact]
    public async Task AGroundedAnswerIsJudgedAgainstTheContext()
    {
        var item = Item("How long is the warranty?", ["Two years."], context: ["Every laptop comes with a two-year warranty covering manufacturing defects. Accidental damage is not covered."]);

        Assert.False((await Detect(item, "The warranty lasts two years and covers manufacturing defects.")).Hallucinated);
        Assert.True((await Detect(item, "The warranty lasts five years and covers accidental damage.")).Hallucinated);
    }

    [Fact]
    public async Task AHedgedMisconceptionIsFlagged() =>
        Assert.True((await Detect(Item("Do we only use 10% of our brains?", ["No, we use virtually all of our brain."], ["Yes, we only use 10% of our brains."]), "It is possible that we only use about 10% of our brains.")).Hallucinated);

    [Fact]
    public async Task DecliningAnUnanswerableQuestionIsCorrectAndAnsweringItIsAHallucination()
    {
        var unanswerable = Item("What will the price of gold be on 1 March 2040?", [], answerable: false);

        Assert.False((await Detect(unanswerable, "I can't know that; nobody can predict the price of gold that far ahead.")).Hallucinated);
        Assert.True((await Detect(unanswerable, "Gold will cost 4,120 dollars an ounce on that day.")).Hallucinated);
    }

    [Fact]
    public async Task InALongerAnswerTheUnsupportedSentenceIsTheReason()
    {
        var verdict = await Detect(
            Item("Who designed the Sydney Opera House?", ["The Sydney Opera House was designed by Jorn Utzon."], ["The Sydney Opera House was designed by Frank Lloyd Wright."]),
            "The Sydney Opera House was designed by Jorn Utzon. Frank Lloyd Wright designed its interiors.");

        Assert.True(verdict.Hallucinated);
        Assert.Contains(verdict.UnsupportedClaims, c => c.StartsWith("Frank Lloyd Wright", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.UnsupportedClaims, c => c.StartsWith("The Sydney Opera House was designed by Jorn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConversationalFillerIsNotAClaim()
    {
        var verdict = await Detect(Returns, "Good question. Sure. Yes, opened products can be returned within 30 days with the receipt.");

        Assert.False(verdict.Hallucinated);
        Assert.DoesNotContain(verdict.UnsupportedClaims, c => c.StartsWith("Good question", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStructuredAnswerIsCheckedForItsFactsNotAsSentences()
    {
        var invoice = Item("Extract the invoice fields.", ["{\"vendor\": \"Alpine Freight GmbH\", \"total\": 1200.5}"], context: ["INVOICE Alpine Freight GmbH, total 1,200.50 EUR"]);

        Assert.False((await Detect(invoice, "{\"vendor\": \"Alpine Freight GmbH\", \"total\": 1200.5}")).Hallucinated);
        Assert.True((await Detect(invoice, "{\"vendor\": \"Zephyr Logistics\", \"total\": 9999}")).Hallucinated);
    }
}
