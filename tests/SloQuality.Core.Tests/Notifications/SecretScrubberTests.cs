using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Notifications;
using SloQuality.Core.Replay;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Tests.Notifications;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("Incorrect API key provided: Bearer sk-proj-abcdefghijklmnop1234.", "Incorrect API key provided: Bearer [redacted].")]
    [InlineData("Authorization: Basic YWRtaW46Y29ycmVjdCBob3JzZQ==", "Authorization: Basic [redacted]")]
    [InlineData("key sk-abcdefghijklmnopqrstuvwx is not valid", "key [redacted] is not valid")]
    [InlineData("{\"api_key\": \"0123456789abcdef\"}", "{\"api_key\": \"[redacted]\"}")]
    [InlineData("x-api-key: 0123456789abcdef rejected", "x-api-key: [redacted] rejected")]
    [InlineData("could not reach https://user:hunter2hunter2@example.com/v1", "could not reach https://user:[redacted]@example.com/v1")]
    [InlineData("HTTP 401 (invalid_request_error: invalid_api_key)", "HTTP 401 (invalid_request_error: invalid_api_key)")]
    public void ACredentialShapeIsRedactedWhateverItsValue(string text, string expected) =>
        Assert.Equal(expected, SecretScrubber.ScrubShapes(text));

    [Fact]
    public void AKnownSecretIsRedactedEvenWithoutACredentialShape() =>
        Assert.Equal("the upstream said [redacted] twice: [redacted]", new SecretScrubber(["plainsecretvalue"]).Scrub("the upstream said plainsecretvalue twice: plainsecretvalue"));

    [Fact]
    public async Task AnUpstreamErrorThatEchoesTheAuthorizationHeaderIsStoredRedacted()
    {
        var item = new GoldenItem { Id = "a", Input = [new ChatMessage("user", "q")], Reference = ["r"] };
        var replay = new ReplayResult
        {
            Output = string.Empty,
            GapsMs = [],
            Failure = new ReplayFailure(FailureKind.HttpError, "401 Unauthorized: Incorrect API key provided: Bearer sk-test-0123456789abcdef", 401),
            Attempts = 1,
        };

        var result = await new ItemScorer(new CorrectnessJudge(), new LexicalHallucinationDetector()).ScoreAsync("run", item, 0, replay, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("sk-test", result.Error);
        Assert.Contains("Bearer [redacted]", result.Error);
    }
}
