using System.CommandLine;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Hallucination;
using SloQuality.Core.Replay;
using SloQuality.Core.Reports;
using SloQuality.Core.Scoring;
using SloQuality.Core.Text;
using SloQuality.Inference.Hallucination;
using SloQuality.Inference;
using SloQuality.Simulator;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq evaluate</c> (contract 3): runs datasets against one model target and writes
/// <c>summary.json</c>, <c>items.jsonl</c>, <c>report.md</c> and <c>report.html</c>. A bad dataset is
/// reported and skipped; the others still run. Simulator targets without an endpoint get an
/// in-process simulator, so nothing else has to be running.
/// </summary>
public sealed class EvaluateCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "evaluate",
        "Runs a dataset (or every dataset in a folder) against a model target and writes its report.",
        [
            CommandSymbols.Value("dataset", "PATH", "a golden dataset file, or a folder of them (each gets a report folder under --out)", required: true),
            CommandSymbols.Value("model", "NAME", "a model target of targets.yaml, or recorded:FILE to score recorded outputs (JSON Lines of id and output)", required: true),
            CommandSymbols.Value("out", "DIR", "where summary.json, items.jsonl, report.md and report.html are written", required: true),
            CommandSymbols.Config(),
            CommandSymbols.Store(),
            CommandSymbols.Integer("concurrency", "requests in flight [default: the target's concurrency in targets.yaml]", 1, 1024),
            CommandSymbols.Integer("repeat", "answers per item; 2 or more measure the noise floor a baseline needs", 1, 100, defaultValue: 1),
            CommandSymbols.Value("run-id", "ID", "resume the run with this id (a single dataset file): items already stored are not asked again"),
            CommandSymbols.Value("judge", "TARGET", "also judge each answer with an LLM judge target of targets.yaml (a request per answer)"),
            CommandSymbols.Flag("no-progress", "no progress bar (a terminal shows one by default)"),
        ],
        (parsed, cancellationToken) => new EvaluateCommand(stdout, stderr).RunAsync(parsed, cancellationToken));

    public async Task<int> RunAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var datasetPath = parsed.Required("dataset");
        var modelName = parsed.Required("model");
        var outFolder = parsed.Required("out");
        var configFolder = parsed.Config;
        var storePath = parsed.Store;
        var repeat = parsed.Integer("repeat", 1, 1, 100);
        var runId = parsed.Value("run-id");

        var target = ResolveTarget(modelName, configFolder);
        if (target is null)
        {
            return ExitCodes.BadInput;
        }

        var concurrency = parsed.Integer("concurrency", target.Concurrency, 1, 1024);
        target = target with { Concurrency = concurrency };
        var (datasets, invalid) = LoadDatasets(datasetPath);
        if (datasets.Count == 0)
        {
            return ExitCodes.BadInput;
        }

        if (runId is not null && Directory.Exists(datasetPath))
        {
            throw new UsageException("--run-id names one run; give --dataset a single file with it");
        }

        await using var simulator = await StartSimulatorIfNeededAsync(target, configFolder, datasets, cancellationToken).ConfigureAwait(false);
        if (target.Provider == ModelTarget.Simulator && target.Endpoint is null && simulator is null)
        {
            return ExitCodes.BadInput;
        }

        var (client, clientProblems) = ModelClientFactory.Create(target, configFolder, simulator?.BaseUri, Environment.GetEnvironmentVariable);
        if (client is null)
        {
            Print(clientProblems);
            return ExitCodes.BadInput;
        }

        using var drift = DriftServices.Load(configFolder, stderr);
        if (drift is null)
        {
            (client as IDisposable)?.Dispose();
            return ExitCodes.BadInput;
        }

        try
        {
            await using var store = new SqliteResultStore(storePath);
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var stage = drift.Stage(new EmbeddingCache(drift.Generator, store), store, store);
            var (detector, detectorProblem) = HallucinationDetectorFactory.Create(configFolder);
            if (detectorProblem is not null)
            {
                await stderr.WriteLineAsync($"sloq: {detectorProblem}").ConfigureAwait(false);
            }

            await using var judge = parsed.Value("judge") is { } judgeName ? await JudgeStep.StartAsync(judgeName, configFolder, store, stderr, cancellationToken).ConfigureAwait(false) : null;
            if (parsed.Value("judge") is not null && judge is null)
            {
                return ExitCodes.BadInput;
            }

            var audit = HallucinationAudit.Create(detector, store, HallucinationSettings.Load(configFolder).Settings.Correction, TimeProvider.System);
            var runner = new EvaluationRunner(store, new ItemScorer(new CorrectnessJudge(), detector), TimeProvider.System, stage, store, judge?.Judge, audit);

            var model = new RunSummary.ModelInfo(target.Name, target.Provider, target.Provider == ModelTarget.Recorded ? target.File : target.Model ?? target.Name);
            var console = new RunConsole(stdout, showProgress: !parsed.Has("no-progress"));
            var everyResult = new List<ItemResult>();
            foreach (var dataset in datasets)
            {
                // A folder of datasets gets a report folder per dataset; a single file writes DIR itself (contract 3).
                var folder = Directory.Exists(datasetPath) ? PathSegment.Under(outFolder, dataset.Name) : outFolder;
                var options = new EvaluationOptions { RunId = runId, Concurrency = concurrency, Repeat = repeat };
                var (summary, results, baselineOutputs) = await console.RunWithProgressAsync(
                    $"{dataset.Name} on {target.Name}",
                    dataset.Items.Count * repeat,
                    progress => runner.RunAsync(dataset, client, model, options, progress, cancellationToken)).ConfigureAwait(false);
                if (summary.Judge is not null)
                {
                    await stdout.WriteLineAsync($"judge {summary.Judge.JudgeTarget}: {summary.Judge.Agreement.Successes} of {summary.Judge.Agreement.N} verdicts agree with the detector ({summary.Judge.Cached} from the cache, {summary.Judge.Unjudged} unjudged)").ConfigureAwait(false);
                }

                await RunReportWriter.WriteAsync(folder, summary, dataset, results, baselineOutputs, cancellationToken).ConfigureAwait(false);
                console.PrintSummary(summary, folder);
                everyResult.AddRange(results);
            }

            if (UnreachableTarget.Describe(everyResult, target) is { } unreachable)
            {
                await stderr.WriteLineAsync($"sloq: {unreachable}").ConfigureAwait(false);
                return ExitCodes.Infrastructure;
            }
        }
        catch (RunConflictException e)
        {
            await stderr.WriteLineAsync($"sloq: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        // The store's writer reports its own death as InvalidOperationException: still exit 3, with the reason.
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException
                                       or HttpRequestException or System.ClientModel.ClientResultException)
        {
            await stderr.WriteLineAsync($"sloq: infrastructure failure: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }

        return invalid > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private ModelTarget? ResolveTarget(string modelName, string configFolder)
    {
        if (modelName.StartsWith("recorded:", StringComparison.Ordinal))
        {
            var file = modelName["recorded:".Length..];
            return new ModelTarget { Name = "recorded-" + Path.GetFileNameWithoutExtension(file), Provider = ModelTarget.Recorded, File = Path.GetFullPath(file), Concurrency = 32 };
        }

        var (targets, problems) = ModelTargetCatalog.Load(configFolder);
        Print(problems);
        var target = targets.FirstOrDefault(t => t.Name == modelName);
        if (target is null && problems.Count == 0)
        {
            stderr.WriteLine($"{Path.Combine(configFolder, ModelTargetCatalog.FileName)}:0: unknown model target '{modelName}'{DidYouMean.Suffix(modelName, targets.Select(t => t.Name))}, expected one of: {string.Join(", ", targets.Select(t => t.Name))} (or recorded:FILE)");
        }

        return target;
    }

    private (List<GoldenDataset> Valid, int Invalid) LoadDatasets(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            stderr.WriteLine($"{path}:0: no such dataset file or folder{MissingPath.Suggestion(path)}");
            return ([], 1);
        }

        var valid = new List<GoldenDataset>();
        var invalid = 0;
        foreach (var result in GoldenDatasetLoader.LoadAll([path], DatasetLimits.FromEnvironment(Environment.GetEnvironmentVariable)))
        {
            var file = result.Path;
            foreach (var warning in result.Warnings)
            {
                stderr.WriteLine($"{warning.Path}:{warning.Line}: warning: {warning.Message}");
            }

            if (result.IsValid)
            {
                valid.Add(result.Dataset!);
                continue;
            }

            invalid++;
            Print(result.Problems);
            stderr.WriteLine($"sloq: skipped {file}: it is invalid (the other datasets still run)");
        }

        var duplicate = valid.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            stderr.WriteLine($"{duplicate.Last().Path}:0: a dataset named '{duplicate.Key}' is already loaded from {duplicate.First().Path}; dataset names must be unique");
            return ([], invalid + 1);
        }

        if (valid.Count == 0 && invalid == 0)
        {
            stderr.WriteLine($"{path}:0: no dataset files (*.jsonl, *.yaml, *.yml) found");
        }

        return (valid, invalid);
    }

    private async Task<SimulatorHost?> StartSimulatorIfNeededAsync(ModelTarget target, string configFolder, List<GoldenDataset> datasets, CancellationToken cancellationToken)
    {
        if (target.Provider != ModelTarget.Simulator || target.Endpoint is not null)
        {
            return null;
        }

        var profilePath = Path.Combine(configFolder, target.Profile ?? Path.Combine("simulator", target.Name + ".yaml"));
        var (profile, problems) = SimulatorProfileLoader.Load(profilePath);
        Print(problems);
        if (profile is null)
        {
            return null;
        }

        var host = await SimulatorHost.StartAsync([profile with { Model = target.Model ?? target.Name }], cancellationToken: cancellationToken).ConfigureAwait(false);
        datasets.ForEach(host.Answers.Add);
        return host;
    }

    private void Print(IEnumerable<DatasetProblem> problems)
    {
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.ToString());
        }
    }
}
