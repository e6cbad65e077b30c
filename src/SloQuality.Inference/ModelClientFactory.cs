using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Replay;
using SloQuality.Inference.OpenAi;
using SloQuality.Inference.Recorded;

namespace SloQuality.Inference;

/// <summary>
/// Builds the client for a model target. API keys are read here from the environment variable the
/// target names, and go nowhere but the request's authorisation header.
/// </summary>
public static class ModelClientFactory
{
    /// <param name="target">The target from <c>jobs/targets.yaml</c> (or made from <c>recorded:FILE</c>).</param>
    /// <param name="configFolder">Relative files (recorded outputs) are resolved against it.</param>
    /// <param name="simulatorEndpoint">Where the in-process simulator listens, for simulator targets without an endpoint.</param>
    /// <param name="environment">Reads environment variables (injected for tests).</param>
    public static (IModelClient? Client, IReadOnlyList<DatasetProblem> Problems) Create(
        ModelTarget target,
        string configFolder,
        Uri? simulatorEndpoint,
        Func<string, string?> environment,
        TimeProvider? time = null)
    {
        var where = Path.Combine(configFolder, ModelTargetCatalog.FileName);
        switch (target.Provider)
        {
            case ModelTarget.Recorded:
                var file = Path.IsPathRooted(target.File!) || File.Exists(target.File!) ? target.File! : Path.Combine(configFolder, target.File!);
                var (outputs, problems) = RecordedOutputs.Load(file);
                return problems.Count > 0 ? (null, problems) : (new RecordedModelClient(target.Name, outputs), []);

            case ModelTarget.Simulator:
                var endpoint = target.Endpoint ?? simulatorEndpoint;
                if (endpoint is null)
                {
                    return (null, [new DatasetProblem(where, 0, $"target '{target.Name}': no simulator endpoint and no in-process simulator")]);
                }

                return (new SemanticKernelModelClient(target with { Model = target.Model ?? target.Name }, endpoint, null, time), []);

            default:
                string? key = null;
                if (target.ApiKeyEnv is { } variable)
                {
                    key = environment(variable);
                    if (string.IsNullOrEmpty(key))
                    {
                        return (null, [new DatasetProblem(where, 0, $"target '{target.Name}': the environment variable {variable} (api_key_env) is not set")]);
                    }
                }

                return (new SemanticKernelModelClient(target, target.Endpoint!, key, time), []);
        }
    }
}
