using Dapper;
using SloQuality.Core.Evaluation;

namespace SloQuality.Storage;

/// <summary>
/// Run leases: one upsert takes a free or expired lease or renews our own, in one statement, so two
/// processes racing for a run cannot both hold it.
/// </summary>
public abstract partial class SqlResultStore : IRunLeaseStore
{
    public async Task<(bool Held, DateTimeOffset? OtherUntil)> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO run_leases (run_id, owner, expires_at) VALUES (@runId, @owner, @expires)
            ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE run_leases.owner = excluded.owner OR run_leases.expires_at < @now
            """,
            new { runId, owner, expires = Iso(now + ttl), now = Iso(now) }).ConfigureAwait(false);
        var (holder, until) = await connection.QuerySingleAsync<(string, string)>(
            "SELECT owner, expires_at FROM run_leases WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
        return holder == owner ? (true, null) : (false, Parse(until));
    }

    public async Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM run_leases WHERE run_id = @runId AND owner = @owner", new { runId, owner }).ConfigureAwait(false);
    }
}
