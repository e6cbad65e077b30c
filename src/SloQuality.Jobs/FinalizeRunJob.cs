using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Text;

namespace SloQuality.Jobs;

/// <summary>
/// A run's fan-in: once every chunk is stored, assess drift, write the SLO slices, the summary and the
/// run's reports, then mark the run completed. Idempotent: a completed run is left as it is.
/// </summary>
public sealed class FinalizeRunJob(IRunChunkStore chunks, IResultStore results, EvaluationRunner runner, IModelClientProvider clients, JobsOptions options)
{
    [DisplayName("finalise {0}")]
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string runId, string target, CancellationToken cancellationToken)
    {
        var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} is not in the result store");
        if (run.Status == RunRecord.Completed)
        {
            return;
        }

        var plan = await chunks.GetPlanAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} has no plan in the result store");
        var dataset = ChunkJob.Snapshot(plan);
        var model = clients.Get(target).Model ?? new RunSummary.ModelInfo(target, "unknown", null);
        var folder = PathSegment.Under(Path.Combine(options.OutputFolder, "runs"), target, dataset.Name, runId);
        await runner.FinishAsync(
            run,
            dataset,
            model,
            null,
            outcome => RunReportWriter.WriteAsync(folder, outcome.Summary, dataset, outcome.Results, outcome.BaselineOutputs, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }
}
