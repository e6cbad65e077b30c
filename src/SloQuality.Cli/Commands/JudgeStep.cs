using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Judge;
using SloQuality.Inference.Judge;
using SloQuality.Simulator;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq evaluate --judge TARGET</c>: after the run, the judge model target checks every answered
/// output (cached by judge model and prompt), and the summary gets its agreement with the local detector.
/// A simulator judge without an endpoint runs in-process, as the evaluated simulator targets do.
/// </summary>
internal sealed class JudgeStep : IAsyncDisposable
{
    private const int Concurrency = 8;

    private readonly LlmHallucinationJudge judge;
    private readonly SimulatorHost? simulator;

    private JudgeStep(LlmHallucinationJudge judge, SimulatorHost? simulator)
    {
        this.judge = judge;
        this.simulator = simulator;
    }

    public static async Task<JudgeStep?> StartAsync(string name, string configFolder, IJudgeCache cache, TextWriter stderr, CancellationToken cancellationToken)
    {
        var where = Path.Combine(configFolder, ModelTargetCatalog.FileName);
        var target = ModelTargetCatalog.Load(configFolder).Targets.FirstOrDefault(t => t.Name == name);
        if (target is null || target.Provider == ModelTarget.Recorded)
        {
            await stderr.WriteLineAsync($"{where}:0: --judge '{name}' is not a model target of the file (openai or simulator)").ConfigureAwait(false);
            return null;
        }

        SimulatorHost? simulator = null;
        var endpoint = target.Endpoint;
        if (target.Provider == ModelTarget.Simulator && endpoint is null)
        {
            var (profile, problems) = SimulatorProfileLoader.Load(Path.Combine(configFolder, target.Profile ?? Path.Combine("simulator", target.Name + ".yaml")));
            if (profile is null)
            {
                problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
                return null;
            }

            simulator = await SimulatorHost.StartAsync([profile with { Model = target.Model ?? target.Name }], cancellationToken: cancellationToken).ConfigureAwait(false);
            endpoint = simulator.BaseUri;
        }

        var key = target.ApiKeyEnv is { } variable ? Environment.GetEnvironmentVariable(variable) : null;
        if (target.ApiKeyEnv is not null && string.IsNullOrEmpty(key))
        {
            await stderr.WriteLineAsync($"{where}:0: judge '{name}': the environment variable {target.ApiKeyEnv} (api_key_env) is not set").ConfigureAwait(false);
            return null;
        }

        return new JudgeStep(new LlmHallucinationJudge(target with { Model = target.Model ?? target.Name }, endpoint!, key, cache), simulator);
    }

    public async Task<JudgeAgreement> JudgeAsync(string judgeTarget, GoldenDataset dataset, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var items = dataset.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var answered = results.Where(r => r.Error is null && r.Hallucinated is not null && items.ContainsKey(r.ItemId)).ToList();
        var verdicts = new JudgeVerdict[answered.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, answered.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            verdicts[i] = await judge.JudgeAsync(items[answered[i].ItemId], answered[i].Output, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return JudgeAgreement.Of(judgeTarget, answered.Select((r, i) => (r.Hallucinated!.Value, verdicts[i])).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        judge.Dispose();
        if (simulator is not null)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
