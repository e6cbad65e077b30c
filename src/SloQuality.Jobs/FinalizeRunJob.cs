using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Text;
using Microsoft.Extensions.Logging;

namespace SloQuality.Jobs;

/// <summary>
/// A run's fan-in: once every chunk is stored, assess drift, write the SLO slices, the summary and the
/// run's reports, then mark the run completed. Idempotent: a completed run is left as it is.
/// </summary>
public sealed class FinalizeRunJob(IRunChunkStore chunks, IResultStore results, EvaluationRunner runner, IModelClientProvider clients, JobsOptions options, ILogger<FinalizeRunJob>? logger = null)
{
    [DisplayName("finalise {0}")]
    [AutomaticRetry(Attempts = 5)]
    public async Task<string> RunAsync(string runId, string target, CancellationToken cancellationToken)
    {
        var run = await results.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} is not in the result store");
        if (run.Status == RunRecord.Completed)
        {
            return RunPage(runId);
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
            async outcome =>
            {
                await RunReportWriter.WriteAsync(folder, outcome.Summary, dataset, outcome.Results, outcome.BaselineOutputs, cancellationToken).ConfigureAwait(false);
                logger?.LogInformation("{Line}", Finished(outcome.Summary, Path.Combine(folder, "report.html")));
            },
            cancellationToken).ConfigureAwait(false);
        return RunPage(runId);
    }

    /// <summary>
    /// The job's result: where the service shows the run. Hangfire keeps it with the succeeded state, and
    /// the dashboard's job page links it (see the server's job page renderer).
    /// </summary>
    public static string RunPage(string runId) => "/runs/" + Uri.EscapeDataString(runId);

    /// <summary>The log line of a finished run: its headline figures and where its report is.</summary>
    public static string Finished(RunSummary summary, string report)
    {
        var h = summary.Hallucination;
        var hallucination = h.Corrected is { } c ? $"{c.Rate:P1} [{c.Low:P1}, {c.High:P1}] corrected" : h.Detector.ToString();
        var failed = summary.Items.Failed > 0 ? $", {summary.Items.Failed} failed ({string.Join(", ", summary.Items.ErrorsByKind.Select(k => $"{k.Value} {k.Key}"))})" : string.Empty;
        return $"run {summary.RunId} finished: {summary.Dataset.Name} on {summary.Model.Target}, {summary.Items.Completed} of {summary.Items.Planned} items{failed} in {summary.DurationSeconds:0.0} s; "
            + $"correctness {summary.Correctness}, hallucination {hallucination}, availability {summary.Availability}; report {report}";
    }
}
