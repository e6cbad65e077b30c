using SloQuality.Core.Evaluation;
using SloQuality.Core.Replay;

namespace SloQuality.Jobs;

/// <summary>Model clients by target name, as the host builds them (with its in-process simulator, if any).</summary>
public interface IModelClientProvider
{
    /// <summary>The client and its summary description, or a problem sentence when the target is unknown or unusable.</summary>
    (IModelClient? Client, RunSummary.ModelInfo? Model, string? Problem) Get(string target);
}
