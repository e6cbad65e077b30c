namespace SloQuality.Core.Evaluation;

/// <summary>
/// Who is evaluating a run right now. A lease expires unless renewed, so a process that was killed
/// blocks a resume of its run only until its lease runs out.
/// </summary>
public interface IRunLeaseStore
{
    /// <summary>Takes or renews the lease; false with the holder's expiry when another owner holds it.</summary>
    Task<(bool Held, DateTimeOffset? OtherUntil)> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken);

    Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken);
}
