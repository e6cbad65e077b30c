namespace SloQuality.Core.Slo;

/// <summary>Where windows begin and end: calendar windows in the SLO's time zone from their anchor, or rolling spans.</summary>
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
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var anchor = window.Anchor;
        // A first guess of how many windows lie between the anchor and the instant, then corrected
        // against the true boundaries (month lengths, the anchor's time of day).
        var k = window.Months > 0
            ? (((local.Year - anchor.Year) * 12) + local.Month - anchor.Month) / window.Months
            : (long)Math.Floor((local - anchor).TotalDays / window.Period.TotalDays);
        k -= 1;
        while (Boundary(window, anchor, k + 1) <= local)
        {
            k++;
        }

        while (Boundary(window, anchor, k) > local)
        {
            k--;
        }

        return (Utc(Boundary(window, anchor, k), zone), Utc(Boundary(window, anchor, k + 1), zone));
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

    /// <summary>The start of the k-th window after the anchor, in local time (always counted from the anchor, so the 31st stays the 31st).</summary>
    private static DateTime Boundary(SloWindow window, DateTime anchor, long k) => window.Months > 0
        ? anchor.AddMonths((int)(k * window.Months))
        : anchor.AddDays(k * window.Period.TotalDays);

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a daylight-saving jump does not exist; the window then starts when the clock resumes.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
