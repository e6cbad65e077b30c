using SloQuality.Core.Datasets;
using SloQuality.Core.Replay;

namespace SloQuality.Inference.Recorded;

/// <summary>Replays logged answers (provider <c>recorded</c>), so production outputs are scored without calling a model.</summary>
public sealed class RecordedModelClient(string targetName, IReadOnlyDictionary<string, ReplayResult> outputs) : IModelClient
{
    public string TargetName => targetName;

    public Task<ReplayResult> ReplayAsync(GoldenItem item, CancellationToken cancellationToken) =>
        Task.FromResult(outputs.TryGetValue(item.Id, out var result)
            ? result
            : new ReplayResult { Failure = new ReplayFailure(FailureKind.NotRecorded, $"the recorded outputs have no line with id '{item.Id}'") });
}
