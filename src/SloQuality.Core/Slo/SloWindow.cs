namespace SloQuality.Core.Slo;

/// <summary>
/// The compliance window: a calendar <c>daily</c> or <c>weekly</c> (ISO week, Monday to Monday) in a
/// named time zone, or <c>rolling</c> over the last <see cref="Rolling"/> (7d, 28d, 30d, 90d...).
/// </summary>
public sealed record SloWindow(string Kind, TimeSpan? Rolling = null, string TimeZone = "UTC")
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string RollingKind = "rolling";

    /// <summary>The period budgets and burn-rate factors are computed over.</summary>
    public TimeSpan Period => Kind switch
    {
        Daily => TimeSpan.FromDays(1),
        Weekly => TimeSpan.FromDays(7),
        _ => Rolling!.Value,
    };

    public bool IsCalendar => Kind is Daily or Weekly;

    public override string ToString() => Kind == RollingKind ? $"rolling {Rolling!.Value.TotalDays:0.##}d" : $"{Kind} ({TimeZone})";
}
