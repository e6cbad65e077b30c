namespace SloQuality.Core.Evaluation;

/// <summary>
/// A held run lease, renewed in the background at a third of its time to live and released on dispose.
/// </summary>
internal sealed class RunLease : IAsyncDisposable
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(2);

    private readonly IRunLeaseStore store;
    private readonly string runId;
    private readonly string owner = Guid.NewGuid().ToString("N");
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop = new();
    private Task renewals = Task.CompletedTask;

    private RunLease(IRunLeaseStore store, string runId, TimeProvider time)
    {
        this.store = store;
        this.runId = runId;
        this.time = time;
    }

    public static async Task<RunLease> TakeAsync(IRunLeaseStore store, string runId, TimeProvider time, CancellationToken cancellationToken)
    {
        var lease = new RunLease(store, runId, time);
        var (held, until) = await store.TryLeaseRunAsync(runId, lease.owner, time.GetUtcNow(), TimeToLive, cancellationToken).ConfigureAwait(false);
        if (!held)
        {
            throw new RunConflictException(
                $"run '{runId}' is being evaluated by another process (its lease runs until {until:u}; a process that was killed holds it until then); wait for it, or give a new --run-id");
        }

        lease.renewals = lease.RenewAsync();
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await renewals.ConfigureAwait(false);
        await store.ReleaseRunAsync(runId, owner, CancellationToken.None).ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(TimeToLive / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                await store.TryLeaseRunAsync(runId, owner, time.GetUtcNow(), TimeToLive, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
    }
}
