using SloQuality.Core.Datasets;

namespace SloQuality.Core.Replay;

/// <summary>
/// Sends one golden item to one model target and measures the answer. Implementations never throw
/// for a failed call: the failure is classified and returned in <see cref="ReplayResult.Failure"/>.
/// </summary>
public interface IModelClient
{
    /// <summary>The model target's name, as in <c>jobs/</c>.</summary>
    string TargetName { get; }

    Task<ReplayResult> ReplayAsync(GoldenItem item, CancellationToken cancellationToken);
}
