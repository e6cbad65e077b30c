using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Notifications;
using SloQuality.Core.Replay;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Evaluation;

/// <summary>Turns a replay into an <see cref="ItemResult"/>: failures are kept and not scored.</summary>
public sealed class ItemScorer(CorrectnessJudge judge, IHallucinationDetector detector)
{
    public async ValueTask<ItemResult> ScoreAsync(string runId, GoldenItem item, int repeat, ReplayResult replay, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        // A failed call says nothing about the model's quality: it counts against availability (or
        // the success rate), never against correctness or the hallucination rate, so it is not scored.
        var failure = replay.Failure;
        var verdict = failure is null ? judge.Judge(item, replay.Output) : null;
        var hallucination = failure is null ? await detector.DetectAsync(item, replay.Output, cancellationToken).ConfigureAwait(false) : null;
        return new ItemResult
        {
            RunId = runId,
            ItemId = item.Id,
            RepeatIndex = repeat,
            Output = replay.Output,
            TtftMs = replay.TtftMs,
            TotalMs = replay.TotalMs,
            GapsMs = replay.GapsMs,
            PromptTokens = replay.PromptTokens,
            OutputTokens = replay.OutputTokens,
            FinishReason = replay.FinishReason,
            Attempts = replay.Attempts,
            CompletedAt = completedAt,
            ErrorKind = failure is null ? null : ReplayFailure.KindName(failure.Kind),
            // An upstream may echo our Authorization header in its error; no credential reaches the store.
            Error = failure is null ? null : SecretScrubber.ScrubShapes(failure.ShortText),
            Unavailable = failure?.CountsAgainstAvailability ?? false,
            Correct = verdict?.Correct,
            CorrectnessScore = verdict is null ? null : Math.Round(verdict.Score, 4),
            Hallucinated = hallucination?.Hallucinated,
            HallucinationScore = hallucination?.Score,
            Reasons = verdict is null || verdict.Correct ? [] : verdict.Reasons.ToList(),
            UnsupportedClaims = hallucination?.UnsupportedClaims ?? [],
        };
    }
}
