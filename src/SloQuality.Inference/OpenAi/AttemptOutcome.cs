using SloQuality.Core.Replay;

namespace SloQuality.Inference.OpenAi;

/// <summary>One HTTP attempt's result, with what the retry policy needs to decide.</summary>
internal sealed record AttemptOutcome(ReplayResult Result, TimeSpan? RetryAfter);
