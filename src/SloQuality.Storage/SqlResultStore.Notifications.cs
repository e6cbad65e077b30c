using Dapper;
using SloQuality.Core.Notifications;

namespace SloQuality.Storage;

/// <summary>What the notifiers last announced (one row per SLO and target), shared by every process.</summary>
public abstract partial class SqlResultStore : INotificationStateStore
{
    public async Task<IReadOnlyDictionary<string, string>> NotificationStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Key, string Value)>("SELECT state_key, state_value FROM notification_state").ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    public async Task SetNotificationStateAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO notification_state (state_key, state_value, changed_at) VALUES (@key, @value, @now)
            ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, changed_at = excluded.changed_at
            """,
            new { key, value, now = Iso(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
    }
}
