using System.Collections.Concurrent;
using SloQuality.Core.Configuration;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Replay;
using SloQuality.Inference;
using SloQuality.Jobs;

namespace SloQuality.Server;

/// <summary>
/// Model clients for the targets of <c>jobs/targets.yaml</c>, made once per process. Simulator targets
/// without an endpoint use the in-process simulator the host started; keys come from the environment.
/// </summary>
public sealed class TargetClients(string configFolder, Uri? simulator) : IModelClientProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem)>> clients = new(StringComparer.Ordinal);

    public (IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem) Get(string target) =>
        clients.GetOrAdd(target, name => new Lazy<(IModelClient?, RunSummary.ModelInfo?, string?)>(() => Create(name))).Value;

    private (IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem) Create(string name)
    {
        var (targets, problems) = ModelTargetCatalog.Load(configFolder);
        var target = targets.FirstOrDefault(t => t.Name == name);
        if (target is null)
        {
            return (null, null, problems.Count > 0 ? string.Join("; ", problems) : $"unknown model target '{name}' in {Path.Combine(configFolder, ModelTargetCatalog.FileName)}{Core.Text.DidYouMean.Suffix(name, targets.Select(t => t.Name))}");
        }

        var (client, clientProblems) = ModelClientFactory.Create(target, configFolder, simulator, Environment.GetEnvironmentVariable);
        return client is null
            ? (null, null, string.Join("; ", clientProblems))
            : (client, new RunSummary.ModelInfo(target.Name, target.Provider, target.Model ?? target.Name), null);
    }

    public void Dispose()
    {
        foreach (var entry in clients.Values.Where(l => l.IsValueCreated))
        {
            (entry.Value.Client as IDisposable)?.Dispose();
        }
    }
}
