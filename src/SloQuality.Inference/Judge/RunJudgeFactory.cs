using SloQuality.Core.Configuration;
using SloQuality.Core.Judge;

namespace SloQuality.Inference.Judge;

/// <summary>
/// Builds the judge for a model target of <c>targets.yaml</c>: an OpenAI-compatible or simulator
/// target (recorded outputs cannot judge). The API key is read from the variable the target names.
/// </summary>
public static class RunJudgeFactory
{
    /// <param name="name">The judge's target name.</param>
    /// <param name="configFolder">Where <c>targets.yaml</c> is.</param>
    /// <param name="simulatorEndpoint">Where a simulator target without an endpoint is served, if anywhere.</param>
    /// <param name="environment">Reads environment variables (injected for tests).</param>
    /// <param name="cache">Where judge responses are kept, so nothing is asked twice.</param>
    public static (RunJudge? Judge, string? Problem) Create(string name, string configFolder, Uri? simulatorEndpoint, Func<string, string?> environment, IJudgeCache cache)
    {
        var where = Path.Combine(configFolder, ModelTargetCatalog.FileName);
        var target = ModelTargetCatalog.Load(configFolder).Targets.FirstOrDefault(t => t.Name == name);
        if (target is null || target.Provider == ModelTarget.Recorded)
        {
            return (null, $"{where}:0: judge '{name}' is not a model target of the file (openai or simulator)");
        }

        var endpoint = target.Endpoint ?? (target.Provider == ModelTarget.Simulator ? simulatorEndpoint : null);
        if (endpoint is null)
        {
            return (null, $"{where}:0: judge '{name}': no endpoint and no simulator to serve it");
        }

        string? key = null;
        if (target.ApiKeyEnv is { } variable)
        {
            key = environment(variable);
            if (string.IsNullOrEmpty(key))
            {
                return (null, $"{where}:0: judge '{name}': the environment variable {variable} (api_key_env) is not set");
            }
        }

        return (new RunJudge(target.Name, new LlmHallucinationJudge(target with { Model = target.Model ?? target.Name }, endpoint, key, cache)), null);
    }
}
