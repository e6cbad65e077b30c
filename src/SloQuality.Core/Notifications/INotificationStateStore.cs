namespace SloQuality.Core.Notifications;

/// <summary>What was last announced per key (an SLO's alert state on a target), so a change is posted once.</summary>
public interface INotificationStateStore
{
    Task<IReadOnlyDictionary<string, string>> NotificationStatesAsync(CancellationToken cancellationToken);

    Task SetNotificationStateAsync(string key, string value, CancellationToken cancellationToken);
}
