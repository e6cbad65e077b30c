using SloQuality.Core.Scoring;

namespace SloQuality.Core.Tests.Scoring;

public sealed class ScorerTests
{
    private static ScoreResult Score(string type, string? value, string output, double? threshold = null) =>
        AssertionCatalog.Create(Items.Assert(type, value, threshold)).Score(Items.Make(), output);

    [Theory]
    [InlineData("The capital of Australia is Canberra.", true)]
    [InlineData("the capital of australia is canberra", true)]
    [InlineData("Canberra", false)]
    public void ExactMatchIgnoresCasePunctuationAndArticles(string output, bool passed) =>
        Assert.Equal(passed, Score("equals", null, output).Passed);

    [Fact]
    public void ContainsAllScoresTheShareOfPhrasesFound()
    {
        var result = Score("contains-all", """["refund", "30 days", "receipt"]""", "You get a REFUND within 30 days.");

        Assert.False(result.Passed);
        Assert.Equal(2.0 / 3, result.Score, 6);
        Assert.Equal("missing \"receipt\"", result.Reason);
    }

    [Fact]
    public void ContainsAnyPassesOnOnePhrase() =>
        Assert.True(Score("contains-any", """["never ask", "do not share"]""", "Please do not share it.").Passed);

    [Fact]
    public void ContainsMatchesWholeWordsOnly() =>
        Assert.False(Score("contains", "\"cat\"", "A category error.").Passed);

    [Fact]
    public void NotContainsFailsOnAForbiddenPhrase() =>
        Assert.False(Score("not-contains", "\"as an ai\"", "As an AI, I cannot.").Passed);

    [Theory]
    [InlineData("Order #A-1234 confirmed", true)]
    [InlineData("Order confirmed", false)]
    public void RegexMatchesThePattern(string output, bool passed) =>
        Assert.Equal(passed, Score("regex", "\"#[A-Z]-\\\\d{4}\"", output).Passed);

    [Theory]
    [InlineData("{\"a\": 1}", true)]
    [InlineData("```json\n{\"a\": 1}\n```", true)]
    [InlineData("{\"a\": 1", false)]
    public void IsJsonAcceptsACodeFence(string output, bool passed) =>
        Assert.Equal(passed, Score("is-json", null, output).Passed);

    [Fact]
    public void JsonSchemaNamesTheViolation()
    {
        const string schema = """{"type": "object", "required": ["total"], "properties": {"total": {"type": "number"}}}""";

        Assert.True(Score("json-schema", schema, """{"total": 12.5}""").Passed);
        var failed = Score("json-schema", schema, """{"total": "12.5"}""");
        Assert.False(failed.Passed);
        Assert.Contains("/total", failed.Reason);
    }

    [Fact]
    public void AJsonSchemaReferenceThatDoesNotResolveFailsTheItemNotTheRun()
    {
        const string schema = """{"properties": {"total": {"$ref": "#/$defs/missing"}}}""";

        var result = Score("json-schema", schema, """{"total": 1}""");

        Assert.False(result.Passed);
        Assert.StartsWith("the JSON schema could not be evaluated: ", result.Reason);
    }

    [Fact]
    public void JsonFieldsComparesValuesByMeaning()
    {
        const string expected = """{"vendor": "Alpine Freight GmbH", "total": 120.5, "customer.city": "Lyon"}""";

        var right = Score("json-fields", expected, """{"vendor": "alpine freight gmbh", "total": 120.50, "customer": {"city": "Lyon"}}""");
        var wrong = Score("json-fields", expected, """{"vendor": "Alpine Freight GmbH", "total": 210.5, "customer": {}}""");

        Assert.True(right.Passed);
        Assert.False(wrong.Passed);
        Assert.Equal(1.0 / 3, wrong.Score, 6);
        Assert.Equal("total = 210.5, expected 120.5; customer.city missing", wrong.Reason);
    }

    [Fact]
    public void TokenF1IsTheSquadF1()
    {
        var result = Score("token-f1", "\"the cat sat on the mat\"", "a cat sat on a hat", threshold: 0.7);

        // Tokens without articles: [cat sat on mat] vs [cat sat on hat]: 3 common, P = R = 0.75.
        Assert.Equal(0.75, result.Score, 6);
        Assert.True(result.Passed);
    }

    [Fact]
    public void RougeLUsesTheLongestCommonSubsequence()
    {
        var score = RougeLScorer.FMeasure(["police", "killed", "gunman"], ["police", "kill", "gunman"]);

        Assert.Equal(2.0 / 3, score, 6);
    }

    [Theory]
    [InlineData("I don't know; there is no reliable information about that.", true)]
    [InlineData("I’m not sure anyone can answer that.", true)]
    [InlineData("Brazil won the 2042 World Cup.", false)]
    public void AbstentionRecognisesADecline(string output, bool passed) =>
        Assert.Equal(passed, Score("abstention", null, output).Passed);

    [Theory]
    [InlineData("We do not know of any kayak rentals; the policies we have cover purchases only.", true)]
    [InlineData("Sure. We do not know of any kayak rentals; the policies we have cover purchases only.", true)]
    [InlineData("Yes, kayaks can be rented for $40 a day.", false)]
    public void AnUnanswerableItemsOwnReferenceIsADeclineWrappedOrNot(string output, bool declines)
    {
        var item = Items.Make() with { Answerable = false, Reference = ["We do not know of any kayak rentals; the policies we have cover purchases only."] };

        Assert.Equal(declines, new AbstentionScorer().Score(item, output).Passed);
    }
}
