using System.Globalization;
using System.Text.RegularExpressions;

namespace SloQuality.Core.Slo;

/// <summary>Durations as SLO files write them: <c>5m</c>, <c>1h</c>, <c>7d</c>, <c>1w</c> (OpenSLO's week).</summary>
public static partial class SloDurations
{
    [GeneratedRegex(@"^(\d+(\.\d+)?)(m|h|d|w)$")]
    private static partial Regex Pattern();

    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[3].Value switch
        {
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            "d" => TimeSpan.FromDays(value),
            _ => TimeSpan.FromDays(7 * value),
        };
    }

    /// <summary>The shortest exact form: <c>30d</c>, <c>6h</c>, <c>5m</c>.</summary>
    public static string Format(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Ticks / TimeSpan.TicksPerDay}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.Ticks / TimeSpan.TicksPerHour}h"
        : $"{(long)span.TotalMinutes}m";
}
