using Dapper;
using SloQuality.Core.Signoff;

namespace SloQuality.Storage;

/// <summary>Sign-off records: who approved or rejected which candidate against which baseline, with every rule.</summary>
public abstract partial class SqlResultStore : ISignoffStore
{
    public async Task SaveSignoffAsync(SignoffRecord record, string json, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO signoffs (signoff_id, signed_at, candidate, baseline, verdict, approver, record_json) VALUES (@SignoffId, @At, @Candidate, @Baseline, @Verdict, @Approver, @Json)",
            new { record.SignoffId, At = Iso(record.At), record.Candidate, record.Baseline, record.Result.Verdict, record.Approver, Json = json }).ConfigureAwait(false);
    }

    public async Task<string?> GetSignoffAsync(string signoffId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT record_json FROM signoffs WHERE signoff_id = @signoffId", new { signoffId }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string SignoffId, DateTimeOffset At, string Candidate, string Baseline, string Verdict, string? Approver)>> ListSignoffsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, string, string, string, string, string?)>(
            "SELECT signoff_id, signed_at, candidate, baseline, verdict, approver FROM signoffs ORDER BY signed_at DESC LIMIT @limit", new { limit }).ConfigureAwait(false);
        return rows.Select(r => (r.Item1, Parse(r.Item2), r.Item3, r.Item4, r.Item5, r.Item6)).ToList();
    }
}
