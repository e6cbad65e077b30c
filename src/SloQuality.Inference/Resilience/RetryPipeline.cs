using Polly;
using Polly.Retry;
using SloQuality.Core.Configuration;
using SloQuality.Core.Replay;
using SloQuality.Inference.OpenAi;

namespace SloQuality.Inference.Resilience;

/// <summary>
/// The retry policy for model calls: exponential backoff with jitter from the target's base delay,
/// or the server's <c>Retry-After</c> when it gave one. A <c>Retry-After</c> longer than the target's
/// longest wait ends the retries instead of stalling the run. Content-filter refusals and truncation
/// are answers, not faults, and are never retried; timeouts only when the target says so.
/// </summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline<AttemptOutcome> Create(ModelTarget.RetrySettings settings, TimeProvider time)
    {
        if (settings.MaxAttempts <= 1)
        {
            return ResiliencePipeline<AttemptOutcome>.Empty;
        }

        var maxDelay = TimeSpan.FromSeconds(settings.MaxDelaySeconds);
        return new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(settings.BaseDelaySeconds),
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } outcome && IsTransient(outcome.Result.Failure, settings) && !(outcome.RetryAfter > maxDelay)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after && after > TimeSpan.Zero ? after : (TimeSpan?)null),
            })
            .Build();
    }

    public static bool IsTransient(ReplayFailure? failure, ModelTarget.RetrySettings settings) => failure switch
    {
        null => false,
        { Kind: FailureKind.RateLimited or FailureKind.ConnectionReset or FailureKind.StreamCut } => true,
        { Kind: FailureKind.Timeout } => settings.RetryOnTimeout,
        { Kind: FailureKind.HttpError, HttpStatus: 408 or 500 or 502 or 503 or 504 } => true,
        _ => false,
    };
}
