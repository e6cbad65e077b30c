using SloQuality.Core.Configuration;
using SloQuality.Simulator;

namespace SloQuality.Server;

/// <summary>Starts one in-process simulator serving every simulator target of <c>targets.yaml</c> that has no endpoint.</summary>
public static class SimulatorLauncher
{
    public static async Task<SimulatorHost?> StartAsync(string configFolder, string datasetsFolder, ILogger logger)
    {
        var (targets, _) = ModelTargetCatalog.Load(configFolder);
        var profiles = new List<SimulatorProfile>();
        foreach (var target in targets.Where(t => t.Provider == ModelTarget.Simulator && t.Endpoint is null))
        {
            var path = Path.Combine(configFolder, target.Profile ?? Path.Combine("simulator", target.Name + ".yaml"));
            var (profile, problems) = SimulatorProfileLoader.Load(path);
            foreach (var problem in problems)
            {
                logger.LogWarning("simulator profile problem: {Problem}", problem.ToString());
            }

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
        host.Answers.AddFolders([datasetsFolder]);
        logger.LogInformation("in-process simulator for {Targets} at {Uri}", string.Join(", ", profiles.Select(p => p.Model)), host.BaseUri);
        return host;
    }
}
