using System.Text;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests.Datasets;

public sealed class JsonlValidationTests : IDisposable
{
    private const string Good = """{"id": "ok-1", "input": "What is 2+2?", "reference": "4"}""";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private (string Path, IReadOnlyList<string> Problems) Load(string text, string name = "set.jsonl") => LoadBytes(Encoding.UTF8.GetBytes(text), name);

    private (string Path, IReadOnlyList<string> Problems) LoadBytes(byte[] bytes, string name = "set.jsonl")
    {
        var path = folder.WriteBytes(name, bytes);
        var result = GoldenDatasetLoader.Load(path);
        Assert.Equal(result.Problems.Count == 0, result.IsValid);
        return (path, result.Problems.Select(p => p.ToString()).ToList());
    }

    [Fact]
    public void AValidFileLoadsEveryItemWithItsFields()
    {
        var path = folder.Write("qa.jsonl", Good + "\n" +
            """{"id": "chat.2", "input": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"}], "reference": ["Paris", "It is Paris"], "context": "France's capital is Paris.", "incorrect": ["Lyon"], "tags": ["geo"], "metadata": {"source": "manual"}}""" + "\n");
        var result = GoldenDatasetLoader.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var dataset = result.Dataset!;
        Assert.Equal("qa", dataset.Name);
        Assert.Equal(64, dataset.ContentHash.Length);
        Assert.Equal(2, dataset.Items.Count);
        var chat = dataset.Items[1];
        Assert.Equal("chat.2", chat.Id);
        Assert.Equal(2, chat.Line);
        Assert.Equal(["system", "user"], chat.Input.Select(m => m.Role));
        Assert.Equal("Capital of France?", chat.Prompt);
        Assert.Equal(["Paris", "It is Paris"], chat.Reference);
        Assert.Equal(["France's capital is Paris."], chat.Context);
        Assert.Equal(["Lyon"], chat.Incorrect);
        Assert.Equal("manual", chat.Metadata!["source"]!.GetValue<string>());
    }

    [Fact]
    public void InvalidJsonIsReportedAtItsLineAndTheOtherItemsAreStillChecked()
    {
        var (path, problems) = Load(Good + "\n" + """{"id": "b", "input": }""" + "\n" + """{"id": "", "input": "x", "reference": "y"}""" + "\n");

        Assert.Equal(
            [
                $"{path}:2: invalid JSON at column 22: '}}' is an invalid start of a value, expected one JSON object per line",
                $"{path}:3: 'id' is empty: every item needs a unique id",
            ],
            problems);
    }

    [Fact]
    public void ATruncatedLastLineIsNamedAsSuch()
    {
        var (path, problems) = Load(Good + "\n" + """{"id": "b", "input": "hel""");

        Assert.Equal([$"{path}:2: truncated last line: the JSON object is not complete at column 26 (was the file cut off while being written?)"], problems);
    }

    [Fact]
    public void InvalidUtf8IsReportedAtItsLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes(Good + "\n" + """{"id": "b", "input": "caf""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\", \"reference\": \"x\"}\n")).ToArray();
        var (path, problems) = LoadBytes(bytes);

        Assert.Equal([$"{path}:2: invalid UTF-8 at column 26: the file must be UTF-8 text"], problems);
    }

    [Fact]
    public void ANulByteIsReportedAtItsLine()
    {
        var (path, problems) = Load(Good + "\n" + "{\"id\": \"b\",\0 \"input\": \"x\"}\n");

        Assert.Equal([$"{path}:2: NUL byte at column 12: the file must be UTF-8 text"], problems);
    }

    [Fact]
    public void AnEmptyFileIsInvalid()
    {
        var (path, problems) = Load("\n  \n");

        Assert.Equal([$"{path}:1: the file is empty: a dataset needs at least one item"], problems);
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var (_, problems) = LoadBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good + "\n")]);

        Assert.Empty(problems);
    }

    [Fact]
    public void ALineThatIsNotAnObjectIsRejected()
    {
        var (path, problems) = Load(Good + "\n[1, 2]\n\"text\"\n");

        Assert.Equal([$"{path}:2: an item must be an object, found a list", $"{path}:3: an item must be an object, found a string"], problems);
    }

    [Fact]
    public void MissingIdAndInputAreBothReported()
    {
        var (path, problems) = Load("""{"reference": "x"}""" + "\n");

        Assert.Equal(
            [
                $"{path}:1: 'input' is missing: every item needs a prompt (a string or a list of chat messages)",
                $"{path}:1: 'id' is missing: every item needs a unique id",
            ],
            problems);
    }

    [Theory]
    [InlineData("../etc/passwd", "'id' \"../etc/passwd\" has characters other than letters, digits, '-', '_' and '.'")]
    [InlineData("a b", "'id' \"a b\" has characters other than letters, digits, '-', '_' and '.'")]
    [InlineData("..", "'id' \"..\" is not allowed: it would name a folder")]
    [InlineData("   ", "'id' is empty: every item needs a unique id")]
    public void AnIdThatCouldBuildAPathIsRejected(string id, string message)
    {
        var (path, problems) = Load($$"""{"id": "{{id}}", "input": "x", "reference": "y"}""" + "\n");

        Assert.Equal([$"{path}:1: {message}"], problems);
    }

    [Fact]
    public void AnIdMustBeAString()
    {
        var (path, problems) = Load("""{"id": 7, "input": "x", "reference": "y"}""" + "\n");

        Assert.Equal([$"{path}:1: 'id' must be a string, found a number"], problems);
    }

    [Theory]
    [InlineData("\"\"", "'input' is empty: expected a prompt")]
    [InlineData("42", "'input' must be a string or a list of chat messages, found a number")]
    [InlineData("[]", "'input' is an empty list: expected at least one chat message")]
    [InlineData("[\"hi\"]", "'input[0]' must be a chat message {role, content}, found a string")]
    [InlineData("[{\"role\": \"wizard\", \"content\": \"hi\"}]", "'input[0].role' \"wizard\" is not a chat role, expected one of: system, developer, user, assistant, tool")]
    [InlineData("[{\"role\": \"user\"}]", "'input[0].content' is missing")]
    [InlineData("[{\"role\": \"user\", \"content\": 5}]", "'input[0].content' must be a string, found a number")]
    public void AnInvalidInputIsReported(string input, string message)
    {
        var (path, problems) = Load($$"""{"id": "a", "input": {{input}}, "reference": "y"}""" + "\n");

        Assert.Equal([$"{path}:1: {message}"], problems);
    }

    [Fact]
    public void AChatMessageKeepsItsNameAndANameThatIsNotAStringIsAProblem()
    {
        var good = folder.Write("evals.jsonl", """{"input": [{"role": "system", "content": "Q?", "name": "example_user"}, {"role": "user", "content": "Why?"}], "ideal": "Because."}""" + "\n");
        var (path, problems) = Load("""{"id": "a", "input": [{"role": "user", "content": "q", "name": 7}], "reference": "r"}""" + "\n");

        Assert.Equal("example_user", GoldenDatasetLoader.Load(good).Dataset!.Items[0].Input[0].Name);
        Assert.Equal([$"{path}:1: 'input[0].name' must be a string, found a number"], problems);
    }

    [Fact]
    public void AnEvalsSampleRepeatedExactlyIsCountedOnceWithAWarning()
    {
        const string sample = """{"input": [{"role": "system", "content": "Answer with one letter."}, {"role": "user", "content": "2+2? A) 3 B) 4"}], "ideal": "B"}""";
        var path = folder.Write("evals.jsonl", string.Join("\n", sample, """{"input": [{"role": "user", "content": "Capital of France?"}], "ideal": "Paris"}""", sample, sample) + "\n");

        var result = GoldenDatasetLoader.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Dataset!.Items.Count);
        Assert.Equal([$"{path}:3: line 3 repeats line 1: counted once", $"{path}:4: line 4 repeats line 1: counted once"], result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void TheSameEvalsInputWithAnotherIdealIsAProblemSayingHowToTellThemApart()
    {
        var (path, problems) = Load("""{"input": "2+2?", "ideal": "4"}""" + "\n" + """{"input": "2+2?", "ideal": "5"}""" + "\n");

        Assert.Equal([$"{path}:2: line 2 has the same input as line 1 but another 'ideal': an Evals sample's id comes from its input, so give one of them an 'id'"], problems);
    }

    [Fact]
    public void AProblemOfAnEvalsSampleNamesItsIdealField()
    {
        var (path, problems) = Load("""{"input": "2+2?", "ideal": 4}""" + "\n");

        Assert.Equal([$"{path}:1: 'ideal' must be a string or a list of strings, found a number"], problems);
    }

    [Fact]
    public void DuplicateIdsNameTheFirstLine()
    {
        var (path, problems) = Load(Good + "\n" + Good + "\n");

        Assert.Equal([$"{path}:2: duplicate id 'ok-1', first used at line 1"], problems);
    }

    [Theory]
    [InlineData("\"reference\": 5", "'reference' must be a string or a list of strings, found a number")]
    [InlineData("\"reference\": [\"x\", 3]", "'reference[1]' must be a non-empty string, found a number")]
    [InlineData("\"reference\": \"x\", \"context\": {\"a\": 1}", "'context' must be a string or a list of strings, found an object")]
    [InlineData("\"reference\": \"x\", \"incorrect\": [\"\"]", "'incorrect[0]' must be a non-empty string, found an empty string")]
    [InlineData("\"reference\": \"x\", \"answerable\": \"no\"", "'answerable' must be true or false, found a string")]
    [InlineData("\"reference\": \"x\", \"tags\": 3", "'tags' must be a string or a list of strings, found a number")]
    [InlineData("\"reference\": \"x\", \"metadata\": [1]", "'metadata' must be an object, found a list")]
    [InlineData("\"reference\": \"x\", \"assert\": {\"type\": \"regex\"}", "'assert' must be a list of scorer specs, found an object")]
    [InlineData("\"reference\": \"x\", \"refrence\": \"y\"", "unknown field 'refrence', expected one of: id, input, reference, ideal, context, incorrect, answerable, assert, tags, metadata")]
    [InlineData("\"reference\": \"x\", \"reference\": \"y\"", "field 'reference' appears twice in one item")]
    public void AFieldOfTheWrongTypeIsReported(string fields, string message)
    {
        var (path, problems) = Load($$"""{"id": "a", "input": "q", {{fields}}}""" + "\n");

        Assert.Equal([$"{path}:1: {message}"], problems);
    }

    [Theory]
    [InlineData("{\"type\": \"sentiment\"}", "'assert[0]': unknown assert type 'sentiment', expected one of: equals, contains, contains-all, contains-any, not-contains, regex, is-json, json-schema, json-fields, token-f1, rouge-l, abstention, choice")]
    [InlineData("{\"type\": \"regex\", \"value\": \"([a-z\"}", "'assert[0]': invalid regex /([a-z/: Invalid pattern '([a-z' at offset ")]
    [InlineData("{\"type\": \"json-schema\", \"value\": {\"type\": 5}}", "'assert[0]': invalid JSON schema: 'type' must be either a string or an array of strings")]
    [InlineData("{\"type\": \"json-schema\", \"value\": {\"$ref\": \"http://127.0.0.1:9/schema.json\"}}", "'assert[0]': invalid JSON schema: '$ref' \"http://127.0.0.1:9/schema.json\" points outside the schema, expected a reference inside it (starting with '#')")]
    [InlineData("{\"type\": \"json-schema\", \"value\": {\"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd\"}}}}", "'assert[0]': invalid JSON schema: '$ref' \"file:///etc/passwd\" points outside the schema")]
    [InlineData("{\"type\": \"contains-any\"}", "'assert[0]': 'contains-any' needs a 'value': a string or a list of strings")]
    [InlineData("{\"type\": \"token-f1\", \"threshold\": 2}", "'assert[0]': 'threshold' must be between 0 and 1, found 2")]
    [InlineData("{\"type\": \"contains\", \"value\": \"x\", \"weight\": \"heavy\"}", "'assert[0].weight' must be a number, found a string")]
    public void AnInvalidAssertionIsReported(string assertion, string message)
    {
        var (path, problems) = Load($$"""{"id": "a", "input": "q", "assert": [{{assertion}}]}""" + "\n");

        var problem = Assert.Single(problems);
        Assert.StartsWith($"{path}:1: {message}", problem);
    }

    [Fact]
    public void AnItemWithAContextAndNoReferenceIsAGroundedItemJudgedAgainstItsContextAlone()
    {
        var path = folder.Write("rag.jsonl", """{"id": "g", "input": "Summarise the policy.", "context": ["Opened lamps carry a restocking fee of 12 euros."]}""" + "\n");

        var result = GoldenDatasetLoader.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var item = Assert.Single(result.Dataset!.Items);
        Assert.True(item.Grounded);
        Assert.Empty(item.Reference);
        Assert.Null(new Core.Scoring.CorrectnessJudge().Judge(item, "Opened lamps carry a 12 euro fee."));
    }

    [Fact]
    public void AnAnswerableItemWithoutAssertionsNeedsAReference()
    {
        var (path, problems) = Load("""{"id": "a", "input": "q"}""" + "\n" + """{"id": "b", "input": "q", "answerable": false}""" + "\n" +
            """{"id": "c", "input": "q", "assert": [{"type": "is-json"}]}""" + "\n");

        Assert.Equal([$"{path}:1: 'reference' is missing: an answerable item without 'assert' needs a reference answer, or a 'context' to be judged against alone"], problems);
    }

    [Fact]
    public void OpenAiEvalsSamplesLoadWithAStableDerivedId()
    {
        const string sample = """{"input": [{"role": "system", "content": "Answer."}, {"role": "user", "content": "2+2?"}], "ideal": "4"}""";
        var first = GoldenDatasetLoader.Load(folder.Write("evals.jsonl", sample + "\n"));
        var second = GoldenDatasetLoader.Load(folder.Write("evals2.jsonl", "\n" + sample + "\n"));

        Assert.True(first.IsValid, string.Join("\n", first.Problems));
        var item = Assert.Single(first.Dataset!.Items);
        Assert.StartsWith("evals-", item.Id);
        Assert.Equal(["4"], item.Reference);
        Assert.Equal(item.Id, second.Dataset!.Items[0].Id);
    }

    [Fact]
    public void EveryProblemInAFileIsReportedNotJustTheFirst()
    {
        var (_, problems) = Load("{\n" + """{"id": "a b", "input": 1}""" + "\n" + """{"id": "c", "input": "q", "answerable": 1}""" + "\n");

        Assert.Equal(6, problems.Count);
    }
}
