namespace SloQuality.Core.Drift;

/// <summary>Where baselines live. Promotions are kept as a history; the latest one per pair is current.</summary>
public interface IBaselineStore
{
    Task PromoteAsync(BaselineRecord baseline, CancellationToken cancellationToken);

    Task<BaselineRecord?> GetCurrentAsync(string modelTarget, string datasetName, CancellationToken cancellationToken);

    /// <summary>The current baseline of every (model target, dataset), ordered by target then dataset.</summary>
    Task<IReadOnlyList<BaselineRecord>> ListCurrentAsync(CancellationToken cancellationToken);
}
