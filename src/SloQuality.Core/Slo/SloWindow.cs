using System.Globalization;

namespace SloQuality.Core.Slo;

/// <summary>
/// The compliance window: a calendar day, week, month, quarter or year in a named time zone, each
/// beginning at <see cref="Anchor"/> and repeating (by default midnight of Monday 1 January 2024, so
/// weeks are ISO weeks and months, quarters and years begin on their first day); or <c>rolling</c>
/// over the last <see cref="Rolling"/> (7d, 28d, 30d, 90d...).
/// </summary>
public sealed record SloWindow(string Kind, TimeSpan? Rolling = null, string TimeZone = "UTC")
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";
    public const string Yearly = "yearly";
    public const string RollingKind = "rolling";

    public static readonly IReadOnlyList<string> CalendarKinds = [Daily, Weekly, Monthly, Quarterly, Yearly];

    /// <summary>The default beginning of calendar windows: a Monday, the first of a month, quarter and year.</summary>
    public static readonly DateTime DefaultStart = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Where calendar windows begin, in the zone's local time (OpenSLO's <c>calendar.startTime</c>); null for the default.</summary>
    public DateTime? Start { get; init; }

    public DateTime Anchor => Start ?? DefaultStart;

    /// <summary>
    /// The period budgets and burn-rate factors are computed over. A calendar month, quarter or year
    /// varies in length: this is its longest (for how far back to read); the fold uses each window's own.
    /// </summary>
    public TimeSpan Period => Kind switch
    {
        Daily => TimeSpan.FromDays(1),
        Weekly => TimeSpan.FromDays(7),
        Monthly => TimeSpan.FromDays(31),
        Quarterly => TimeSpan.FromDays(92),
        Yearly => TimeSpan.FromDays(366),
        _ => Rolling!.Value,
    };

    public bool IsCalendar => Kind is Daily or Weekly or Monthly or Quarterly or Yearly;

    /// <summary>How many months one window of a month-based calendar kind spans; 0 for days and weeks.</summary>
    internal int Months => Kind switch
    {
        Monthly => 1,
        Quarterly => 3,
        Yearly => 12,
        _ => 0,
    };

    public override string ToString() => Kind == RollingKind
        ? $"rolling {Rolling!.Value.TotalDays:0.##}d"
        : Start is { } start ? $"{Kind} from {start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({TimeZone})" : $"{Kind} ({TimeZone})";
}
