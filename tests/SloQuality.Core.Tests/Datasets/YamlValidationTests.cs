using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests.Datasets;

public sealed class YamlValidationTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AValidYamlDatasetAppliesItsDefaults()
    {
        var path = folder.Write("support.yaml", """
            name: Support
            description: Support questions
            defaults:
              tags: [support]
              context: Refunds take 5 days.
            items:
              - id: refund
                input: How long do refunds take?
                reference: 5 days
              - id: other
                input: Hello?
                reference: Hi
                tags: [greeting]
            """);

        var result = GoldenDatasetLoader.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal("Support questions", result.Dataset!.Description);
        Assert.Equal(["support"], result.Dataset.Items[0].Tags);
        Assert.Equal(["Refunds take 5 days."], result.Dataset.Items[0].Context);
        Assert.Equal(["greeting"], result.Dataset.Items[1].Tags);
        Assert.Equal(7, result.Dataset.Items[0].Line);
    }

    [Fact]
    public void AProblemIsReportedAtTheLineOfTheNode()
    {
        var path = folder.Write("bad.yaml", """
            items:
              - id: a
                input: q
                reference: r
                answerable: maybe
              - id: b
                input:
                  - role: wizard
                    content: hi
                reference: r
            """);

        var problems = GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString());

        Assert.Equal(
            [
                $"{path}:5: 'answerable' must be true or false, found a string",
                $"{path}:8: 'input[0].role' \"wizard\" is not a chat role, expected one of: system, developer, user, assistant, tool",
            ],
            problems);
    }

    [Fact]
    public void InvalidYamlIsReportedAtItsLine()
    {
        var path = folder.Write("broken.yaml", "items:\n  - id: a\n    input: [unclosed\n    reference: r\n");

        var unclosedQuote = folder.Write("quote.yaml", "items:\n  - id: a\n    input: \"x\n");

        Assert.Equal(
            [$"{path}:3: invalid YAML: a flow collection ('[...]' or '{{...}}') is not closed"],
            GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString()));
        Assert.Equal(
            [$"{unclosedQuote}:3: invalid YAML: While scanning a quoted scalar, found unexpected end of stream."],
            GoldenDatasetLoader.Load(unclosedQuote).Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void AQuotedScalarIsAStringEvenWhenItLooksLikeANumber()
    {
        var path = folder.Write("ids.yaml", "items:\n  - id: \"123\"\n    input: q\n    reference: r\n  - id: 456\n    input: q\n    reference: r\n");

        var problems = GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString());

        Assert.Equal([$"{path}:5: 'id' must be a string, found a number"], problems);
    }

    [Fact]
    public void AYamlFileWithoutItemsIsRejected()
    {
        var path = folder.Write("none.yaml", "name: nothing\nitem:\n  - id: a\n");

        var problems = GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString());

        Assert.Equal(
            [
                $"{path}:1: 'items' is missing: expected a list of items",
                $"{path}:3: unknown field 'item', expected one of: name, description, defaults, items",
            ],
            problems);
    }

    [Fact]
    public void ADefaultThatCannotBeADefaultIsRejected()
    {
        var path = folder.Write("defaults.yaml", "defaults:\n  id: shared\nitems:\n  - id: a\n    input: q\n    reference: r\n");

        var problems = GoldenDatasetLoader.Load(path).Problems.Select(p => p.ToString());

        Assert.Equal([$"{path}:2: 'defaults.id' cannot be a default, expected one of: reference, context, incorrect, answerable, assert, tags, metadata"], problems);
    }

    [Fact]
    public void TheSampleDatasetsAreValid()
    {
        var results = GoldenDatasetLoader.LoadAll(SloQuality.Tests.Shared.SampleDatasets.Paths);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, string.Join("\n", r.Problems)));
        Assert.All(results, r => Assert.True(r.Dataset!.Items.Count >= 30, $"{r.Path} has {r.Dataset!.Items.Count} items"));
    }
}
