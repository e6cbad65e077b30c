using System.ComponentModel;
using Hangfire;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

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
        var problems = new List<DatasetProblem>();
        List<string> names;
        if (datasetNames == EvaluationSchedule.AllDatasets)
        {
            var all = datasets.LoadAll();
            problems.AddRange(all.Where(d => !d.IsValid).SelectMany(d => d.Problems));
            names = all.Where(d => d.IsValid).Select(d => d.Dataset!.Name).ToList();
        }
        else
        {
            names = datasetNames.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        foreach (var name in names)
        {
            try
            {
                var (_, found) = await starter.StartAsync(name, target, repeat, RunOrigins.Schedule, cancellationToken).ConfigureAwait(false);
                problems.AddRange(found);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One dataset's failure to start (a store error, a defect) must not cost the others their run.
                problems.Add(new DatasetProblem(name, 0, $"did not start: {e.GetType().Name}: {e.Message}"));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("some datasets did not start (the others did):\n" + string.Join("\n", problems));
        }
    }
}
