using System.CommandLine;
using System.Text.Json;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Scoring;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;
using SloQuality.Core.Text;
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
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "signoff",
        "Model-release sign-off: paired statistics against the baseline and a verdict with its rules (exit 0 approved, 1 rejected, 2 insufficient evidence), stored.",
        [
            CommandSymbols.Value("candidate", "TARGET", "the model target to release (targets.yaml)", required: true),
            CommandSymbols.Value("baseline", "TARGET|RUN_ID", "the model target in production, or one of its runs", required: true),
            CommandSymbols.Value("datasets", "PATH", "the sign-off datasets (a file, a folder or a glob)", "golden-datasets"),
            CommandSymbols.Value("policy", "FILE", "the sign-off rules [default: signoff.yaml in --config]"),
            CommandSymbols.Value("junit", "FILE", "also write the verdict as JUnit XML (for CI)"),
            CommandSymbols.Value("markdown", "FILE", "also write the verdict as Markdown (for a pull request)"),
            CommandSymbols.Value("approver", "NAME", "who asks for the sign-off, kept in its record"),
            CommandSymbols.Value("max-age", "DURATION", "reuse the baseline's completed runs younger than this, else run it again", "7d"),
            CommandSymbols.Integer("concurrency", "requests in flight [default: each target's concurrency in targets.yaml]", 1, 1024),
            CommandSymbols.Config(),
            CommandSymbols.Store(),
        ],
        (parsed, cancellationToken) => new SignoffCommand(stdout, stderr).RunAsync(parsed, cancellationToken));

    public async Task<int> RunAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var config = parsed.Config;
        var (slos, sloProblems) = SloCatalog.Load(config);
        var (policy, policyProblems) = SignoffPolicyFile.Load(parsed.Value("policy") ?? Path.Combine(config, SignoffPolicyFile.FileName), slos.Slos.Select(s => s.Name).ToList());
        var (targets, targetProblems) = ModelTargetCatalog.Load(config);
        var problems = policyProblems.Concat(sloProblems).Concat(targetProblems).ToList();
        problems.ForEach(p => stderr.WriteLine(p.ToString()));
        var candidate = targets.FirstOrDefault(t => t.Name == parsed.Required("candidate"));
        if (problems.Count > 0 || candidate is null)
        {
            if (candidate is null)
            {
                await stderr.WriteLineAsync($"{Path.Combine(config, ModelTargetCatalog.FileName)}:0: unknown candidate '{parsed.Value("candidate")}'{DidYouMean.Suffix(parsed.Value("candidate")!, targets.Select(t => t.Name))}, expected one of: {string.Join(", ", targets.Select(t => t.Name))}").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var baselineName = parsed.Required("baseline");
        var baselineRun = await store.GetRunAsync(baselineName, cancellationToken).ConfigureAwait(false);
        var baseline = baselineRun is null ? targets.FirstOrDefault(t => t.Name == baselineName) : targets.FirstOrDefault(t => t.Name == baselineRun.ModelTarget);
        if (baseline is null && baselineRun is null)
        {
            await stderr.WriteLineAsync($"sloq: --baseline '{baselineName}' is neither a model target nor a run in the store{DidYouMean.Suffix(baselineName, targets.Select(t => t.Name))}").ConfigureAwait(false);
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

        var audit = HallucinationAudit.Create(detector, store, HallucinationSettings.Load(config).Settings.Correction, TimeProvider.System);
        var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), detector), TimeProvider.System, null, store, audit: audit);
        var clients = new List<IDisposable>();
        try
        {
            var request = new SignoffRequest(candidate.Name, baselineName, parsed.Value("approver"), maxAge);
            using var drift = DriftServices.Load(config, stderr);
            var embeddings = drift is null ? null : new Core.Drift.EmbeddingCache(drift.Generator, store);
            var (record, problem) = await new SignoffRunner(store, store, runner, policy, slos, TimeProvider.System, embeddings, drift?.Options).RunAsync(request, datasets, target =>
            {
                var found = targets.FirstOrDefault(t => t.Name == target);
                if (found is null)
                {
                    return (null, null, $"unknown model target '{target}'{DidYouMean.Suffix(target, targets.Select(t => t.Name))}");
                }

                var concurrency = parsed.Integer("concurrency", found.Concurrency, 1, 1024);
                var (client, problems) = ModelClientFactory.Create(found with { Concurrency = concurrency }, config, simulator?.BaseUri, Environment.GetEnvironmentVariable);
                if (client is IDisposable disposable)
                {
                    clients.Add(disposable);
                }

                return (client, new RunSummary.ModelInfo(found.Name, found.Provider, found.Model ?? found.Name), string.Join("; ", problems));
            }, line => stdout.WriteLine(line), cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                await stderr.WriteLineAsync($"sloq: {problem}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return await ReportAsync(record, parsed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<int> ReportAsync(SignoffRecord record, Arguments parsed, CancellationToken cancellationToken)
    {
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
