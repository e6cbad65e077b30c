namespace SloQuality.Core.Slo;

/// <summary>Where windows begin and end: calendar days and ISO weeks in the SLO's time zone, or rolling spans.</summary>
public static class SloWindows
{
    /// <summary>The window holding <paramref name="instant"/> (for rolling windows: the span ending at it).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(SloWindow window, DateTimeOffset instant)
    {
        if (!window.IsCalendar)
        {
            return (instant - window.Period, instant);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (window.Kind == SloWindow.Weekly)
        {
            // ISO weeks start on Monday.
            day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        }

        var next = window.Kind == SloWindow.Weekly ? day.AddDays(7) : day.AddDays(1);
        return (Midnight(day, zone), Midnight(next, zone));
    }

    /// <summary>Every calendar window from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Between(SloWindow window, DateTimeOffset from, DateTimeOffset to)
    {
        var current = Containing(window, from);
        while (current.Start <= to)
        {
            yield return current;
            current = Containing(window, current.End);
        }
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving jump does not exist; the day then starts an hour later.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
