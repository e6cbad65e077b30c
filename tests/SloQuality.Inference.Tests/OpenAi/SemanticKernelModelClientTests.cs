using Microsoft.Extensions.Time.Testing;
using SloQuality.Core.Replay;
using SloQuality.Simulator;

namespace SloQuality.Inference.Tests.OpenAi;

public sealed class SemanticKernelModelClientTests
{

    [Fact]
    public async Task AStreamedAnswerIsCollectedWithItsTokensAndFinishReason()
    {
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile() with
        {
            Ttft = new LogNormal(40, 40),
            InterToken = new LogNormal(3, 3),
        });

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(SimulatedModel.Item.Reference[0], result.Output);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal(13, result.OutputTokens);
        Assert.Equal(5, result.PromptTokens);
        Assert.Equal(12, result.GapsMs.Count);
        Assert.StartsWith("chatcmpl-sim", result.ResponseId);
        // The simulator holds the first token back 40 ms after the request arrives, so no honest
        // measurement can be lower; the role-only first chunk must not count as the first token.
        Assert.True(result.TtftMs >= 40, $"TTFT {result.TtftMs} ms");
        Assert.True(result.TotalMs >= result.TtftMs + result.GapsMs.Sum() - 1);
    }

    [Fact]
    public async Task TheMeasuredFirstTokenFollowsTheServersFirstFlush()
    {
        // Two chunks three seconds apart: even on a machine busy starting other test processes the
        // client reads the first chunk before the second is sent, so a late read cannot pass for the right one.
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile() with { Ttft = new LogNormal(20, 20), InterToken = new LogNormal(3000, 3000), WordsPerChunk = 8 });

        await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None); // JIT warm-up: the first read of a process is late
        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);
        var flushes = model.Host.Flushes.Get(result.ResponseId!)!;

        // One chunk flushed per token, and the first one seen by the client is the first one sent:
        // on one machine-wide clock, the arrival cannot precede the flush.
        Assert.Equal(result.OutputTokens, flushes.Count);
        Assert.True(result.FirstTokenTimestamp >= flushes[0] - System.Diagnostics.Stopwatch.Frequency / 1000, "the first token arrived before the server flushed it");
        Assert.True(result.FirstTokenTimestamp < flushes[1], "the first token was taken from a later chunk");
    }

    [Theory]
    [InlineData(500, FailureKind.HttpError)]
    [InlineData(503, FailureKind.HttpError)]
    [InlineData(429, FailureKind.RateLimited)]
    public async Task AnHttpErrorIsClassifiedAndRetriedUpToTheLimit(int status, FailureKind kind)
    {
        var errors = status switch
        {
            500 => new SimulatorProfile.ErrorRates { Http500 = 1 },
            503 => new SimulatorProfile.ErrorRates { Http503 = 1 },
            _ => new SimulatorProfile.ErrorRates { Http429 = 1, RetryAfterSeconds = 0 },
        };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors), SimulatedModel.Target(attempts: 3));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Equal(status, result.Failure.HttpStatus);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, model.Host.Stats.Requests);
    }

    [Fact]
    public async Task AnUnknownModelIsNotRetried()
    {
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile());
        using var client = new SloQuality.Inference.OpenAi.SemanticKernelModelClient(
            SimulatedModel.Target(attempts: 3) with { Model = "no-such-model" }, model.Host.BaseUri, null);

        var result = await client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(404, result.Failure.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, model.Host.Stats.Requests);
    }

    [Fact]
    public async Task ARetryWaitsForTheRetryAfterTheServerAskedFor()
    {
        var time = new TimerRecordingTimeProvider();
        var errors = new SimulatorProfile.ErrorRates { Http429 = 1, RetryAfterSeconds = 5 };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors), SimulatedModel.Target(attempts: 2), time);

        var replay = model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);
        var delay = await time.NextTimerAsync();

        Assert.Equal(TimeSpan.FromSeconds(5), delay);
        Assert.Equal(1, model.Host.Stats.Requests);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await replay.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, model.Host.Stats.Requests);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(FailureKind.RateLimited, result.Failure!.Kind);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheLongestWaitEndsTheRetries()
    {
        var errors = new SimulatorProfile.ErrorRates { Http429 = 1, RetryAfterSeconds = 120 };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors), SimulatedModel.Target(attempts: 3));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task AHangPastTheTimeoutIsATimeout()
    {
        var errors = new SimulatorProfile.ErrorRates { Hang = 1, HangSeconds = 60 };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors), SimulatedModel.Target(attempts: 3, timeoutSeconds: 0.3));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal(1, result.Attempts); // timeouts are not retried unless the target says so
    }

    [Fact]
    public async Task AConnectionResetBeforeAnyAnswerIsClassified()
    {
        var errors = new SimulatorProfile.ErrorRates { ConnectionReset = 1 };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.ConnectionReset, result.Failure!.Kind);
        Assert.True(result.Failure.CountsAgainstAvailability);
    }

    [Fact]
    public async Task AStreamCutMidwayIsClassified()
    {
        var errors = new SimulatorProfile.ErrorRates { StreamCut = 1 };
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(errors) with { InterToken = new LogNormal(2, 2) });

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.StreamCut, result.Failure!.Kind);
        Assert.NotEmpty(result.Output);
        Assert.NotEqual(SimulatedModel.Item.Reference[0], result.Output);
    }

    [Fact]
    public async Task AContentFilterRefusalIsAFailureThatDoesNotCountAgainstAvailability()
    {
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(contentFilter: 1));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.ContentFilter, result.Failure!.Kind);
        Assert.Equal("content_filter", result.FinishReason);
        Assert.False(result.Failure.CountsAgainstAvailability);
    }

    [Fact]
    public async Task ATruncatedAnswerIsClassified()
    {
        await using var model = await SimulatedModel.StartAsync(SimulatedModel.Profile(length: 1));

        var result = await model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None);

        Assert.Equal(FailureKind.Truncated, result.Failure!.Kind);
        Assert.Equal("length", result.FinishReason);
        Assert.Equal(6, result.OutputTokens); // half of the 13-word answer
    }

    [Fact]
    public async Task NoMoreRequestsThanTheTargetsConcurrencyAreInFlight()
    {
        await using var model = await SimulatedModel.StartAsync(
            SimulatedModel.Profile() with { Ttft = new LogNormal(30, 30) },
            SimulatedModel.Target(concurrency: 2));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => model.Client.ReplayAsync(SimulatedModel.Item, CancellationToken.None)));

        Assert.Equal(10, model.Host.Stats.Requests);
        Assert.InRange(model.Host.Stats.MaxInFlight, 1, 2);
    }

    /// <summary>A fake clock that tells when a timer is set and for how long: the retry's chosen delay.</summary>
    private sealed class TimerRecordingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource<TimeSpan> timer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TimeSpan> NextTimerAsync() => timer.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var created = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.TrySetResult(dueTime);
            }

            return created;
        }
    }

}
