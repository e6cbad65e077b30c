using System.Text.Json;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Replay;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Signoff;

/// <summary>
/// Runs a sign-off end to end, for the command line and the service alike: the candidate on each
/// dataset; the baseline's completed run of the same dataset version when one is fresh enough (or the
/// run named), else a new baseline run; the comparison per dataset and pooled; the stored record.
/// </summary>
public sealed class SignoffRunner(IResultStore results, ISignoffStore signoffs, EvaluationRunner runner, SignoffPolicy policy, SloSet slos, TimeProvider time, Drift.EmbeddingCache? embeddings = null, Drift.DriftOptions? driftOptions = null)
{
    public delegate (IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem) ClientFor(string target);

    public async Task<(SignoffRecord? Record, string? Problem)> RunAsync(SignoffRequest request, IReadOnlyList<GoldenDataset> datasets, ClientFor clients, Action<string> log, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var baselineRun = await results.GetRunAsync(request.Baseline, cancellationToken).ConfigureAwait(false);
        var baselineTarget = baselineRun?.ModelTarget ?? request.Baseline;
        var compared = new List<Compared>();
        foreach (var dataset in datasets)
        {
            var baseRecord = baselineRun;
            if (baseRecord is not null && (baseRecord.DatasetName != dataset.Name || baseRecord.DatasetHash != dataset.ContentHash))
            {
                continue;   // a named baseline run covers its own dataset version only
            }

            baseRecord ??= (await results.GetRunsAsync(now - request.MaxBaselineAge, now, cancellationToken).ConfigureAwait(false))
                .Select(r => r.Run)
                .Where(r => r.ModelTarget == baselineTarget && r.DatasetName == dataset.Name && r.DatasetHash == dataset.ContentHash && r.Status == RunRecord.Completed)
                .MaxBy(r => r.StartedAt);
            var reused = baseRecord is not null;
            if (baseRecord is null)
            {
                var (run, problem) = await RunAsync(baselineTarget, dataset, clients, cancellationToken).ConfigureAwait(false);
                if (run is null)
                {
                    return (null, problem);
                }

                baseRecord = run;
            }

            var (candidateRun, candidateProblem) = await RunAsync(request.Candidate, dataset, clients, cancellationToken).ConfigureAwait(false);
            if (candidateRun is null)
            {
                return (null, candidateProblem);
            }

            log($"{dataset.Name}: candidate run {candidateRun.RunId}; baseline run {baseRecord.RunId}{(reused ? " (reused)" : string.Empty)}");
            compared.Add(new Compared(
                dataset,
                baseRecord,
                await results.GetItemResultsAsync(baseRecord.RunId, cancellationToken).ConfigureAwait(false),
                candidateRun,
                await results.GetItemResultsAsync(candidateRun.RunId, cancellationToken).ConfigureAwait(false)));
        }

        if (compared.Count == 0)
        {
            return (null, $"the baseline run '{request.Baseline}' is of none of the sign-off datasets' versions");
        }

        var evaluator = new SignoffEvaluator(policy);
        var perDataset = new List<SignoffRecord.DatasetRuns>();
        foreach (var c in compared)
        {
            var verdict = evaluator.Evaluate(c.CandidateRun, c.Baseline, c.Candidate, slos);
            var drift = await SignoffDrift.RuleAsync(embeddings, c.Baseline, c.Candidate, driftOptions ?? new Drift.DriftOptions(), cancellationToken).ConfigureAwait(false);
            var corrected = SignoffHallucination.Rule(await SummaryAsync(c.BaselineRun, cancellationToken).ConfigureAwait(false), await SummaryAsync(c.CandidateRun, cancellationToken).ConfigureAwait(false));
            perDataset.Add(new SignoffRecord.DatasetRuns(c.Dataset.Name, c.Dataset.ContentHash, c.BaselineRun.RunId, c.CandidateRun.RunId, verdict with { Rules = [.. verdict.Rules, drift, corrected] }));
        }

        var record = new SignoffRecord(SignoffRecord.NewId(request.Candidate, now), now, request.Approver, request.Candidate, baselineRun?.RunId ?? request.Baseline, perDataset, Overall(evaluator, compared, perDataset));
        await signoffs.SaveSignoffAsync(record, JsonSerializer.Serialize(record, SloqJson.Indented), cancellationToken).ConfigureAwait(false);
        return (record, null);
    }

    /// <summary>Regressions judged on all datasets' pairs together (one Holm family); SLOs per dataset, as their scopes say.</summary>
    private SignoffVerdict Overall(SignoffEvaluator evaluator, List<Compared> compared, List<SignoffRecord.DatasetRuns> perDataset)
    {
        static IEnumerable<ItemResult> Keyed(string dataset, IReadOnlyList<ItemResult> results) => results.Select(r => r with { ItemId = dataset + "/" + r.ItemId });
        var pooled = evaluator.Evaluate(
            compared[0].CandidateRun with { DatasetName = "*" },
            compared.SelectMany(c => Keyed(c.Dataset.Name, c.Baseline)).ToList(),
            compared.SelectMany(c => Keyed(c.Dataset.Name, c.Candidate)).ToList(),
            new SloSet([], slos.Availability));
        var rules = pooled.Rules.Concat(perDataset.SelectMany(d => d.Verdict.Rules.Where(r => r.Kind is SignoffRule.Slo or SignoffRule.Drift or SignoffRule.Reported).Select(r => r with { Name = $"{r.Name} on {d.Dataset}" }))).ToList();
        return new SignoffVerdict(SignoffVerdict.Decide(rules), rules, pooled.PairedItems);
    }

    private async Task<RunSummary?> SummaryAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var stored = await results.GetStoredRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        return stored?.SummaryJson is { } json ? SummaryJson.Deserialize(json) : null;
    }

    private async Task<(RunRecord? Run, string? Problem)> RunAsync(string target, GoldenDataset dataset, ClientFor clients, CancellationToken cancellationToken)
    {
        var (client, model, problem) = clients(target);
        if (client is null || model is null)
        {
            return (null, problem ?? $"no client for '{target}'");
        }

        var outcome = await runner.RunAsync(dataset, client, model, new EvaluationOptions { Origin = RunOrigins.Signoff }, null, cancellationToken).ConfigureAwait(false);
        return (new RunRecord(outcome.Summary.RunId, dataset.Name, dataset.ContentHash, target, dataset.Items.Count, 1, outcome.Summary.StartedAt, outcome.Summary.FinishedAt, RunRecord.Completed, RunOrigins.Signoff), null);
    }

    private sealed record Compared(GoldenDataset Dataset, RunRecord BaselineRun, IReadOnlyList<ItemResult> Baseline, RunRecord CandidateRun, IReadOnlyList<ItemResult> Candidate);
}
