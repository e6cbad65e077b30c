using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Datasets;

namespace SloQuality.Jobs;

/// <summary>
/// What a recurring evaluation does when it fires: start a run of each dataset on the target. Each
/// dataset starts on its own; a bad one fails with its problems listed and the others still run.
/// </summary>
public sealed class ScheduledEvaluationJob(RunStarter starter, DatasetCatalog datasets)
{
    [DisplayName("evaluate {0} on {1}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string datasetNames, string target, int repeat, CancellationToken cancellationToken)
    {
        var names = datasetNames == EvaluationSchedule.AllDatasets
            ? datasets.LoadAll().Where(d => d.IsValid).Select(d => d.Dataset!.Name).ToList()
            : datasetNames.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var problems = new List<DatasetProblem>();
        foreach (var name in names)
        {
            var (_, found) = await starter.StartAsync(name, target, repeat, cancellationToken).ConfigureAwait(false);
            problems.AddRange(found);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("some datasets did not start (the others did):\n" + string.Join("\n", problems));
        }
    }
}
