using SloQuality.Core.Datasets;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Replay;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Evaluation;

/// <summary>Turns a replay into an <see cref="ItemResult"/>: failures are kept and not scored.</summary>
public sealed class ItemScorer(CorrectnessJudge judge, IHallucinationDetector detector)
{
    public ItemResult Score(string runId, GoldenItem item, int repeat, ReplayResult replay, DateTimeOffset completedAt)
    {
        var result = new ItemResult
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
        };

        if (replay.Failure is { } failure)
        {
            // A failed call says nothing about the model's quality: it counts against availability
            // (or the success rate), never against correctness or the hallucination rate.
            return result with
            {
                ErrorKind = ReplayFailure.KindName(failure.Kind),
                Error = failure.ShortText,
                Unavailable = failure.CountsAgainstAvailability,
            };
        }

        var verdict = judge.Judge(item, replay.Output);
        var hallucination = detector.Detect(item, replay.Output);
        return result with
        {
            Correct = verdict.Correct,
            CorrectnessScore = Math.Round(verdict.Score, 4),
            Hallucinated = hallucination.Hallucinated,
            HallucinationScore = hallucination.Score,
            Reasons = verdict.Correct ? [] : verdict.Reasons.ToList(),
            UnsupportedClaims = hallucination.UnsupportedClaims,
        };
    }
}
