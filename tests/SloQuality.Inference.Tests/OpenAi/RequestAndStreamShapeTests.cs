using System.Text.Json;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Replay;
using SloQuality.Inference.OpenAi;
using SloQuality.Tests.Shared;

namespace SloQuality.Inference.Tests.OpenAi;

/// <summary>What reaches a real OpenAI-compatible server, and the stream shapes real servers send back.</summary>
[Collection(Alone)]
public sealed class RequestAndStreamShapeTests
{
    /// <summary>The first-token measurement here is a few milliseconds: these run apart from the other classes.</summary>
    public const string Alone = "stream timing, run alone";

    private static readonly string[] Answer = ScriptedUpstream.StreamedAnswer("Canberra");

    private static readonly GoldenItem Item = new()
    {
        Id = "a",
        Input =
        [
            new ChatMessage("system", "Answer with the city only."),
            new ChatMessage("system", "What is the capital of France?", "example_user"),
            new ChatMessage("system", "Paris", "example_assistant"),
            new ChatMessage("user", "What is the capital of Australia?"),
        ],
        Reference = ["Canberra"],
    };

    private static ModelTarget Target(Uri endpoint, string tokenLimitField = ModelTarget.MaxCompletionTokens) => new()
    {
        Name = "upstream",
        Provider = ModelTarget.OpenAi,
        Endpoint = endpoint,
        Model = "m",
        MaxTokens = 64,
        TokenLimitField = tokenLimitField,
        Retry = new ModelTarget.RetrySettings(1, 0, 0, false),
    };

    [Fact]
    public async Task AChatMessagesNameIsSentAsTheMessagesName()
    {
        using var upstream = ScriptedUpstream.Start(Answer);
        using var client = new SemanticKernelModelClient(Target(upstream.BaseUri), upstream.BaseUri, null);

        var result = await client.ReplayAsync(Item, CancellationToken.None);

        Assert.Null(result.Failure);
        var messages = JsonDocument.Parse(Assert.Single(upstream.Bodies)).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["", "example_user", "example_assistant", ""], messages.Select(m => m.TryGetProperty("name", out var n) ? n.GetString() : ""));
    }

    [Theory]
    [InlineData(ModelTarget.MaxCompletionTokens, "max_completion_tokens", "max_tokens")]
    [InlineData(ModelTarget.MaxTokensField, "max_tokens", "max_completion_tokens")]
    public async Task TheTokenLimitGoesInTheFieldTheTargetNames(string field, string sent, string absent)
    {
        using var upstream = ScriptedUpstream.Start(Answer);
        using var client = new SemanticKernelModelClient(Target(upstream.BaseUri, field), upstream.BaseUri, null);

        Assert.Null((await client.ReplayAsync(Item, CancellationToken.None)).Failure);

        var body = JsonDocument.Parse(Assert.Single(upstream.Bodies)).RootElement;
        Assert.Equal(64, body.GetProperty(sent).GetInt32());
        Assert.False(body.TryGetProperty(absent, out _));
    }

    [Fact]
    public async Task ARefusalIsTheOutputCountedAsARefusalWithItsFirstTokenTime()
    {
        using var upstream = ScriptedUpstream.Start(
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""},"finish_reason":null}]"""),
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{"refusal":"I'm sorry, "},"finish_reason":null}]"""),
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{"refusal":"I can't help with that."},"finish_reason":null}]"""),
            ScriptedUpstream.Chunk("""[{"index":0,"delta":{},"finish_reason":"stop"}]"""),
            "data: [DONE]\n\n");
        using var client = new SemanticKernelModelClient(Target(upstream.BaseUri), upstream.BaseUri, null);

        var result = await client.ReplayAsync(Item, CancellationToken.None);

        Assert.Equal("I'm sorry, I can't help with that.", result.Output);
        Assert.Equal("refusal", result.FinishReason);
        Assert.Equal(FailureKind.ContentFilter, result.Failure!.Kind);
        Assert.False(result.Failure.CountsAgainstAvailability);
        Assert.NotNull(result.TtftMs);
        Assert.Single(result.GapsMs);
    }

    [Fact]
    public async Task TheFirstRequestsTimeToFirstTokenIsNotInflatedByConnectionSetUp()
    {
        using var upstream = ScriptedUpstream.Start(ScriptedUpstream.StreamedAnswer("Canberra", firstTokenDelayMs: 150));
        // The server's own first request is warmed by another client: only our client is cold.
        using (var warm = new SemanticKernelModelClient(Target(upstream.BaseUri), upstream.BaseUri, null))
        {
            await warm.ReplayAsync(Item, CancellationToken.None);
        }

        using var client = new SemanticKernelModelClient(Target(upstream.BaseUri), upstream.BaseUri, null);
        var ttfts = new List<double>();
        double? firstSetup = null;
        for (var i = 0; i < 8; i++)
        {
            var result = await client.ReplayAsync(Item, CancellationToken.None);
            Assert.Null(result.Failure);
            ttfts.Add(result.TtftMs!.Value);
            firstSetup ??= result.SetupMs;
        }

        // Measurement fidelity, which this product sells: what the client adds to the server's own
        // first-token time (150 ms, or later when the test host's timer runs late) is the same for the first request.
        var excess = ttfts.Zip(upstream.Requests.Skip(1).Select(r => r.WrittenAfterMs[1]), (client, server) => client - server).ToList();
        var others = excess.Skip(1).Order().ToList();
        var median = others[others.Count / 2];
        Assert.True(Math.Abs(excess[0] - median) <= 10, $"the first request adds {excess[0]:0.0} ms to the server's first-token time, the others {median:0.0} ms (set-up {firstSetup:0.0} ms kept apart)");
        Assert.NotNull(firstSetup);
    }

    public static TheoryData<string, string[]> Shapes() => new()
    {
        { "CRLF line endings", Answer.Select(w => w.Replace("\n", "\r\n")).ToArray() },
        { "keep-alive comments", [": keep-alive\n\n", .. Answer[..2], ": ping\n\n", .. Answer[2..]] },
        { "events split across reads", Answer.SelectMany(w => new[] { w[..(w.Length / 2)], w[(w.Length / 2)..] }).ToArray() },
        {
            "Azure's prompt_filter_results chunk with empty choices",
            [
                ScriptedUpstream.Chunk("[]", ",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]"),
                .. Answer,
            ]
        },
        {
            "usage in every chunk",
            Answer.Select(w => w.StartsWith("data: {", StringComparison.Ordinal)
                ? w.Replace("}\n\n", ",\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}\n\n", StringComparison.Ordinal)
                : w).ToArray()
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task EveryRealStreamShapeGivesTheAnswerAndItsFirstToken(string shape, string[] writes)
    {
        using var upstream = ScriptedUpstream.Start(writes);
        using var client = new SemanticKernelModelClient(Target(upstream.BaseUri), upstream.BaseUri, null);

        var result = await client.ReplayAsync(Item, CancellationToken.None);

        Assert.True(result.Failure is null, $"{shape}: {result.Failure}");
        Assert.Equal("Canberra", result.Output);
        Assert.Equal("stop", result.FinishReason);
        Assert.NotNull(result.TtftMs);
    }
}

[CollectionDefinition(RequestAndStreamShapeTests.Alone, DisableParallelization = true)]
public sealed class StreamTimingRunsAlone;
