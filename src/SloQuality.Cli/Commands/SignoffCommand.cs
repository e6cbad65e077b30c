using System.Text.Json;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Scoring;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;
using SloQuality.Inference.Hallucination;
using SloQuality.Inference;
using SloQuality.Simulator;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq signoff --candidate TARGET --baseline TARGET|RUN_ID [--datasets GLOB] [--policy FILE]
/// [--junit FILE] [--markdown FILE] [--approver NAME] [--max-age 7d]</c>: runs the candidate on the
/// sign-off datasets, reuses the baseline's completed runs of the same dataset versions when fresh
/// enough (else runs it too), compares item by item, stores the record and exits 0 approved,
/// 1 rejected, 2 insufficient evidence (or bad input).
/// </summary>
public sealed class SignoffCommand(TextWriter stdout, TextWriter stderr)
{
    private static readonly HashSet<string> Options = ["candidate", "baseline", "datasets", "policy", "junit", "markdown", "approver", "config", "store", "max-age", "concurrency"];
    private static readonly HashSet<string> NoFlags = [];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parsed = Arguments.Parse(args, Options, NoFlags);
        var config = parsed.Value("config") ?? "jobs";
        var (policy, policyProblems) = SignoffPolicyFile.Load(parsed.Value("policy") ?? Path.Combine(config, SignoffPolicyFile.FileName));
        var (slos, sloProblems) = SloCatalog.Load(config);
        var (targets, targetProblems) = ModelTargetCatalog.Load(config);
        var problems = policyProblems.Concat(sloProblems).Concat(targetProblems).ToList();
        problems.ForEach(p => stderr.WriteLine(p.ToString()));
        var candidate = targets.FirstOrDefault(t => t.Name == parsed.Required("candidate"));
        if (problems.Count > 0 || candidate is null)
        {
            if (candidate is null)
            {
                await stderr.WriteLineAsync($"{Path.Combine(config, ModelTargetCatalog.FileName)}:0: unknown candidate '{parsed.Value("candidate")}', expected one of: {string.Join(", ", targets.Select(t => t.Name))}").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        await using var store = new SqliteResultStore(parsed.Value("store") ?? Path.Combine(".sloq", "results.db"));
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var baselineName = parsed.Required("baseline");
        var baselineRun = await store.GetRunAsync(baselineName, cancellationToken).ConfigureAwait(false);
        var baseline = baselineRun is null ? targets.FirstOrDefault(t => t.Name == baselineName) : targets.FirstOrDefault(t => t.Name == baselineRun.ModelTarget);
        if (baseline is null && baselineRun is null)
        {
            await stderr.WriteLineAsync($"sloq: --baseline '{baselineName}' is neither a model target nor a run in the store").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var datasets = Datasets(parsed.Value("datasets") ?? "golden-datasets");
        if (datasets.Count == 0)
        {
            return ExitCodes.BadInput;
        }

        var maxAge = SloDurations.Parse(parsed.Value("max-age") ?? "7d") ?? throw new UsageException("--max-age must be a duration such as 12h or 7d");
        await using var simulator = await SimulatorAsync(config, datasets, [candidate, baseline]).ConfigureAwait(false);
        var (detector, detectorProblem) = HallucinationDetectorFactory.Create(config);
        if (detectorProblem is not null)
        {
            await stderr.WriteLineAsync($"sloq: {detectorProblem}").ConfigureAwait(false);
        }

        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), detector), TimeProvider.System, null, store);
        var now = DateTimeOffset.UtcNow;
        var runs = new List<(GoldenDataset Dataset, RunRecord BaselineRun, IReadOnlyList<ItemResult> Baseline, RunRecord CandidateRun, IReadOnlyList<ItemResult> Candidate)>();
        foreach (var dataset in datasets)
        {
            RunRecord? baseRecord = baselineRun;
            if (baseRecord is not null && (baseRecord.DatasetName != dataset.Name || baseRecord.DatasetHash != dataset.ContentHash))
            {
                continue;   // a baseline run covers its own dataset version only
            }

            baseRecord ??= (await store.GetRunsAsync(now - maxAge, now, cancellationToken).ConfigureAwait(false))
                .Select(r => r.Run)
                .Where(r => r.ModelTarget == baseline!.Name && r.DatasetName == dataset.Name && r.DatasetHash == dataset.ContentHash && r.Status == RunRecord.Completed)
                .MaxBy(r => r.StartedAt);
            var reused = baseRecord is not null;
            baseRecord ??= (await RunAsync(runner, baseline!, config, simulator, dataset, parsed, cancellationToken).ConfigureAwait(false)).Run;
            var (candidateRun, candidateResults) = await RunAsync(runner, candidate, config, simulator, dataset, parsed, cancellationToken).ConfigureAwait(false);
            var baselineResults = await store.GetItemResultsAsync(baseRecord.RunId, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{dataset.Name}: candidate run {candidateRun.RunId}; baseline run {baseRecord.RunId}{(reused ? " (reused)" : string.Empty)}").ConfigureAwait(false);
            runs.Add((dataset, baseRecord, baselineResults, candidateRun, candidateResults));
        }

        if (runs.Count == 0)
        {
            await stderr.WriteLineAsync($"sloq: the baseline run '{baselineName}' is of none of the sign-off datasets' versions").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var evaluator = new SignoffEvaluator(policy);
        var perDataset = runs.Select(r => new SignoffRecord.DatasetRuns(r.Dataset.Name, r.Dataset.ContentHash, r.BaselineRun.RunId, r.CandidateRun.RunId,
            evaluator.Evaluate(r.CandidateRun, r.Baseline, r.Candidate, slos))).ToList();
        var record = new SignoffRecord(SignoffRecord.NewId(candidate.Name, now), now, parsed.Value("approver"), candidate.Name, baselineRun?.RunId ?? baseline!.Name, perDataset, Overall(evaluator, runs, slos, perDataset));
        await store.SaveSignoffAsync(record, JsonSerializer.Serialize(record, SloqJson.Indented), cancellationToken).ConfigureAwait(false);
        if (parsed.Value("junit") is { } junit)
        {
            await File.WriteAllTextAsync(junit, SignoffWriters.JUnit(record), cancellationToken).ConfigureAwait(false);
        }

        if (parsed.Value("markdown") is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, SignoffWriters.Markdown(record), cancellationToken).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync($"{record.SignoffId}: {record.Result.Verdict}").ConfigureAwait(false);
        foreach (var rule in record.Result.Rules)
        {
            await stdout.WriteLineAsync($"  [{rule.Outcome}] {rule.Name}: {rule.Detail}").ConfigureAwait(false);
        }

        return record.Result.ExitCode;
    }

    /// <summary>Regressions judged on all datasets' pairs together (one Holm family); SLOs per dataset, as their scopes say.</summary>
    private static SignoffVerdict Overall(SignoffEvaluator evaluator, List<(GoldenDataset Dataset, RunRecord BaselineRun, IReadOnlyList<ItemResult> Baseline, RunRecord CandidateRun, IReadOnlyList<ItemResult> Candidate)> runs, SloSet slos, List<SignoffRecord.DatasetRuns> perDataset)
    {
        static IEnumerable<ItemResult> Keyed(string dataset, IReadOnlyList<ItemResult> results) => results.Select(r => r with { ItemId = dataset + "/" + r.ItemId });
        var pooled = evaluator.Evaluate(
            runs[0].CandidateRun with { DatasetName = "*" },
            runs.SelectMany(r => Keyed(r.Dataset.Name, r.Baseline)).ToList(),
            runs.SelectMany(r => Keyed(r.Dataset.Name, r.Candidate)).ToList(),
            new SloSet([], slos.Availability));
        var rules = pooled.Rules.Concat(perDataset.SelectMany(d => d.Verdict.Rules.Where(r => r.Kind == SignoffRule.Slo).Select(r => r with { Name = $"{r.Name} on {d.Dataset}" }))).ToList();
        return new SignoffVerdict(SignoffVerdict.Decide(rules), rules, pooled.PairedItems);
    }

    private async Task<(RunRecord Run, IReadOnlyList<ItemResult> Results)> RunAsync(EvaluationRunner runner, ModelTarget target, string config, SimulatorHost? simulator, GoldenDataset dataset, Arguments parsed, CancellationToken cancellationToken)
    {
        var concurrency = parsed.Integer("concurrency", target.Concurrency, 1, 1024);
        var (client, problems) = ModelClientFactory.Create(target with { Concurrency = concurrency }, config, simulator?.BaseUri, Environment.GetEnvironmentVariable);
        if (client is null)
        {
            throw new UsageException(string.Join("; ", problems));
        }

        try
        {
            var model = new RunSummary.ModelInfo(target.Name, target.Provider, target.Model ?? target.Name);
            var outcome = await runner.RunAsync(dataset, client, model, new EvaluationOptions { Concurrency = concurrency }, null, cancellationToken).ConfigureAwait(false);
            var run = new RunRecord(outcome.Summary.RunId, dataset.Name, dataset.ContentHash, target.Name, dataset.Items.Count, 1, outcome.Summary.StartedAt, outcome.Summary.FinishedAt, RunRecord.Completed);
            return (run, outcome.Results);
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }

    private async Task<SimulatorHost?> SimulatorAsync(string config, List<GoldenDataset> datasets, ModelTarget?[] targets)
    {
        var profiles = new List<SimulatorProfile>();
        foreach (var target in targets.OfType<ModelTarget>().Where(t => t.Provider == ModelTarget.Simulator && t.Endpoint is null).DistinctBy(t => t.Name))
        {
            var (profile, problems) = SimulatorProfileLoader.Load(Path.Combine(config, target.Profile ?? Path.Combine("simulator", target.Name + ".yaml")));
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            if (profile is not null)
            {
                profiles.Add(profile with { Model = target.Model ?? target.Name });
            }
        }

        if (profiles.Count == 0)
        {
            return null;
        }

        var host = await SimulatorHost.StartAsync(profiles).ConfigureAwait(false);
        host.Answers.AddFolders(datasets.Select(d => Path.GetDirectoryName(Path.GetFullPath(d.Path))!).Distinct());
        return host;
    }

    private List<GoldenDataset> Datasets(string pattern)
    {
        var files = Directory.Exists(pattern)
            ? Directory.GetFiles(pattern).Where(GoldenDatasetLoader.IsDatasetFile)
            : Directory.Exists(Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".")
                ? Directory.GetFiles(Path.GetDirectoryName(pattern) is { Length: > 0 } dir ? dir : ".", Path.GetFileName(pattern)).Where(GoldenDatasetLoader.IsDatasetFile)
                : [];
        var datasets = new List<GoldenDataset>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var loaded = GoldenDatasetLoader.Load(file);
            loaded.Problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            if (loaded.Dataset is { } dataset)
            {
                datasets.Add(dataset);
            }
        }

        if (datasets.Count == 0)
        {
            stderr.WriteLine($"{pattern}:0: no valid dataset matches");
        }

        return datasets;
    }
}
