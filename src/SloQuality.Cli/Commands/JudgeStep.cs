using SloQuality.Core.Configuration;
using SloQuality.Core.Judge;
using SloQuality.Inference.Judge;
using SloQuality.Simulator;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq evaluate --judge TARGET</c>: the run's judge (the runner asks it once every item is stored),
/// and the in-process simulator a simulator judge without an endpoint needs, as the evaluated
/// simulator targets have.
/// </summary>
internal sealed class JudgeStep : IAsyncDisposable
{
    private readonly SimulatorHost? simulator;

    private JudgeStep(RunJudge judge, SimulatorHost? simulator)
    {
        Judge = judge;
        this.simulator = simulator;
    }

    public RunJudge Judge { get; }

    public static async Task<JudgeStep?> StartAsync(string name, string configFolder, IJudgeCache cache, TextWriter stderr, CancellationToken cancellationToken)
    {
        SimulatorHost? simulator = null;
        var target = ModelTargetCatalog.Load(configFolder).Targets.FirstOrDefault(t => t.Name == name);
        if (target is { Provider: ModelTarget.Simulator, Endpoint: null })
        {
            var (profile, problems) = SimulatorProfileLoader.Load(Path.Combine(configFolder, target.Profile ?? Path.Combine("simulator", target.Name + ".yaml")));
            if (profile is null)
            {
                problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
                return null;
            }

            simulator = await SimulatorHost.StartAsync([profile with { Model = target.Model ?? target.Name }], cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var (judge, problem) = RunJudgeFactory.Create(name, configFolder, simulator?.BaseUri, Environment.GetEnvironmentVariable, cache);
        if (judge is null)
        {
            await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }

        return new JudgeStep(judge, simulator);
    }

    public async ValueTask DisposeAsync()
    {
        Judge.Dispose();
        if (simulator is not null)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
