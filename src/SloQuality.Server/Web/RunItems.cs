using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Jobs;

namespace SloQuality.Server.Web;

/// <summary>
/// The dataset a run replayed, for its prompts and references: the snapshot a chunked run keeps in
/// the store, else the dataset file of that name as it is now (noted when its version differs).
/// </summary>
internal static class RunItems
{
    public static async Task<(GoldenDataset Dataset, string? Note)> DatasetAsync(RunRecord run, IRunChunkStore chunks, DatasetCatalog catalog, JobsOptions options, CancellationToken cancellationToken)
    {
        if (await chunks.GetPlanAsync(run.RunId, cancellationToken).ConfigureAwait(false) is { } plan
            && GoldenDatasetLoader.Parse(plan.DatasetPath, plan.DatasetBytes, options.DatasetLimits).Dataset is { } snapshot)
        {
            return (snapshot, null);
        }

        if (catalog.PathOf(run.DatasetName) is { } path && GoldenDatasetLoader.LoadAll([path], options.DatasetLimits) is [{ Dataset: { } current }])
        {
            return (current, current.ContentHash == run.DatasetHash ? null : "prompts and references are from the dataset file as it is now; it changed since this run");
        }

        return (new GoldenDataset(run.DatasetName, string.Empty, string.Empty, [], run.DatasetHash), "the dataset file is gone: prompts and references are not shown");
    }
}
