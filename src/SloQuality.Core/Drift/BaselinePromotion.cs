using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Drift;

/// <summary>
/// Makes a completed run the baseline of its (model target, dataset), measuring its noise floor from
/// the run's own repeats (a run made with <c>--repeat 2</c> or more) or from a second run of the same
/// model target and dataset. Refusals come back as a sentence, not an exception.
/// </summary>
public sealed class BaselinePromotion(IResultStore results, IBaselineStore baselines, EmbeddingCache embeddings, TimeProvider time)
{
    public async Task<(BaselineRecord? Baseline, string? Problem)> PromoteAsync(string runId, string? noiseRunId, string? promotedBy, CancellationToken cancellationToken)
    {
        var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return (null, $"no run with id '{runId}' in the result store (the id is summary.json's run_id)");
        }

        if (run.Status != RunRecord.Completed)
        {
            return (null, $"run '{runId}' is {run.Status}, not completed; finish it (sloq evaluate --run-id {runId}) before promoting it");
        }

        RunRecord? noiseRun = null;
        if (noiseRunId is not null)
        {
            noiseRun = await results.GetRunAsync(noiseRunId, cancellationToken).ConfigureAwait(false);
            if (noiseRun is null || noiseRun.Status != RunRecord.Completed)
            {
                return (null, $"the noise run '{noiseRunId}' is not a completed run in the result store");
            }

            if (noiseRun.ModelTarget != run.ModelTarget || noiseRun.DatasetName != run.DatasetName || noiseRunId == runId)
            {
                return (null, $"the noise run '{noiseRunId}' must be another run of {run.DatasetName} on {run.ModelTarget} (it is {noiseRun.DatasetName} on {noiseRun.ModelTarget})");
            }
        }

        var items = await results.GetItemResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        await embeddings.EmbedAsync(items.Where(i => i.Error is null).Select(i => i.Output).ToList(), cancellationToken).ConfigureAwait(false);
        NoiseFloor? noise = null;
        string? noiseSource = null;
        if (noiseRun is not null)
        {
            noiseSource = noiseRun.RunId;
            var second = await results.GetItemResultsAsync(noiseRun.RunId, cancellationToken).ConfigureAwait(false);
            noise = await NoiseFloorBuilder.BuildAsync(items, second, $"second run {noiseRun.RunId}", embeddings, cancellationToken).ConfigureAwait(false);
        }
        else if (run.Repeat > 1)
        {
            noiseSource = run.RunId;
            noise = await NoiseFloorBuilder.BuildAsync(items, null, $"{run.Repeat} repeats of {run.RunId}", embeddings, cancellationToken).ConfigureAwait(false);
        }

        var baseline = new BaselineRecord(run.ModelTarget, run.DatasetName, run.RunId, run.DatasetHash, time.GetUtcNow(), promotedBy, noiseSource, noise);
        await baselines.PromoteAsync(baseline, cancellationToken).ConfigureAwait(false);
        return (baseline, null);
    }
}
