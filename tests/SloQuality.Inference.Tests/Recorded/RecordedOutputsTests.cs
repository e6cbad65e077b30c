using SloQuality.Core.Replay;
using SloQuality.Inference.Recorded;

namespace SloQuality.Inference.Tests.Recorded;

public sealed class RecordedOutputsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"sloq-recorded-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void RecordedOutputsLoadWithTheirLatencies()
    {
        File.WriteAllText(path, """
            {"id": "a", "output": "Canberra", "ttft_ms": 120.5, "total_ms": 300, "output_tokens": 3}
            {"id": "b", "error": "timeout: no answer within the request timeout"}
            """);

        var (outputs, problems) = RecordedOutputs.Load(path);

        Assert.Empty(problems);
        Assert.Equal("Canberra", outputs["a"].Output);
        Assert.Equal(120.5, outputs["a"].TtftMs);
        Assert.Equal(3, outputs["a"].OutputTokens);
        Assert.Equal(FailureKind.Timeout, outputs["b"].Failure!.Kind);
    }

    [Fact]
    public void EveryBadLineIsReportedAtItsLine()
    {
        File.WriteAllText(path, "{\"id\": \"a\", \"output\": \"x\"}\n{\"id\": \"a\", \"output\": \"y\"}\n{\"output\": 5}\nnot json\n{\"id\": \"c\", \"output\": \"z\", \"ttft_ms\": \"fast\"}\n");

        var (_, problems) = RecordedOutputs.Load(path);

        Assert.Equal(
            [
                $"{path}:2: duplicate id 'a'",
                $"{path}:3: 'id' must be a non-empty string (the golden item's id)",
                $"{path}:3: 'output' must be a string (or give 'error' for a failed call)",
                $"{path}:4: invalid JSON at column 2: 'not json' is an invalid JSON literal. Expected the literal 'null', expected one JSON object per line",
                $"{path}:5: 'ttft_ms' must be a number of 0 or more, found \"fast\"",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void InvalidUtf8InALoggedAnswerIsReportedAtItsLine()
    {
        File.WriteAllBytes(path, [.. "{\"id\": \"a\", \"output\": \"ok\"}\n{\"id\": \"b\", \"output\": \"caf"u8, 0xC3, 0x28, .. "\"}\n"u8]);

        var (outputs, problems) = RecordedOutputs.Load(path);

        Assert.Equal([$"{path}:2: invalid UTF-8 at column 27: the file must be UTF-8 text"], problems.Select(p => p.ToString()));
        Assert.Equal("ok", outputs["a"].Output);
    }
}
