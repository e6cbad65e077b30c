using Hangfire;
using Microsoft.Extensions.Logging;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Jobs;

/// <summary>
/// Starts a run as chunk jobs: snapshots the dataset file in the result store (every chunk then sees
/// this version), records the plan, and enqueues one job per chunk on the evaluate queue.
/// </summary>
public sealed class RunStarter(IResultStore results, IRunChunkStore chunks, IBackgroundJobClient jobs, DatasetCatalog datasets, JobsOptions options, TimeProvider time, ILogger<RunStarter>? logger = null)
{
    /// <summary>The run id, or the problems (as <c>file:line: message</c>) that kept the run from starting.</summary>
    /// <param name="origin">What asks for the run (<see cref="RunOrigins"/>): SLOs count runs by it.</param>
    public async Task<(string? RunId, IReadOnlyList<DatasetProblem> Problems)> StartAsync(string datasetName, string target, int repeat, string origin, CancellationToken cancellationToken)
    {
        var (runId, problems) = await TryStartAsync(datasetName, target, repeat, origin, cancellationToken).ConfigureAwait(false);
        if (runId is null)
        {
            logger?.LogWarning("no run of {Dataset} on {Target}: {Problems}", datasetName, target, string.Join("; ", problems.Select(p => p.ToString())));
        }

        return (runId, problems);
    }

    private async Task<(string? RunId, IReadOnlyList<DatasetProblem> Problems)> TryStartAsync(string datasetName, string target, int repeat, string origin, CancellationToken cancellationToken)
    {
        options.Validate();
        var path = datasets.PathOf(datasetName);
        if (path is null)
        {
            return (null, [new DatasetProblem(Path.Combine(options.DatasetsFolder, datasetName), 0, $"no dataset named '{datasetName}' in {options.DatasetsFolder}{Core.Text.DidYouMean.Suffix(datasetName, datasets.Names())}")]);
        }

        var problems = new List<DatasetProblem>();
        if (GoldenDatasetLoader.ReadBytes(path, options.DatasetLimits, problems) is not { } bytes)
        {
            return (null, problems);
        }

        var loaded = GoldenDatasetLoader.Parse(path, bytes, options.DatasetLimits);
        if (loaded.Dataset is not { } dataset)
        {
            return (null, loaded.Problems);
        }

        var runId = EvaluationRunner.NewRunId(dataset.Name, target, time.GetUtcNow());
        var planned = dataset.Items.Count * repeat;
        var chunkCount = (planned + options.ChunkSize - 1) / options.ChunkSize;
        await results.RegisterDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
        await results.CreateRunAsync(new RunRecord(runId, dataset.Name, dataset.ContentHash, target, planned, repeat, time.GetUtcNow(), Origin: origin), cancellationToken).ConfigureAwait(false);
        await chunks.PlanAsync(new RunPlan(runId, path, bytes, options.ChunkSize, chunkCount), cancellationToken).ConfigureAwait(false);
        for (var chunk = 0; chunk < chunkCount; chunk++)
        {
            ChunkJob.Enqueue(jobs, runId, chunk, chunkCount, target);
        }

        logger?.LogInformation("run {RunId} started ({Origin}): {Dataset} on {Target}, {Items} items in {Chunks} chunks", runId, origin, dataset.Name, target, planned, chunkCount);

        return (runId, []);
    }
}
