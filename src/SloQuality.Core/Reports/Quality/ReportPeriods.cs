using System.Globalization;

namespace SloQuality.Core.Reports.Quality;

/// <summary>Report periods: a calendar day (<c>2026-11-29</c>) or an ISO week (<c>2026-W48</c>), in UTC.</summary>
public static class ReportPeriods
{
    public static (DateTimeOffset From, DateTimeOffset To)? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
            : null;

    public static (DateTimeOffset From, DateTimeOffset To)? Week(string text)
    {
        var parts = text.Split("-W");
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var year) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var week)
            || year is < 2000 or > 9999 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }

        var monday = ISOWeek.ToDateTime(year, week, DayOfWeek.Monday);
        return (new DateTimeOffset(monday, TimeSpan.Zero), new DateTimeOffset(monday.AddDays(7), TimeSpan.Zero));
    }
}
