using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Slo;

/// <summary>The parts of an SLO definition that have a shape of their own: window, budgeting, scope, durations.</summary>
internal static class SloYaml
{
    public static TimeSpan? ParseDuration(string text) => SloDurations.Parse(text);

    /// <summary>A calendar window's local start, as OpenSLO writes it: <c>2024-02-01 00:00:00</c>.</summary>
    public static DateTime? ParseStart(string text) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
            ? DateTime.SpecifyKind(start, DateTimeKind.Unspecified)
            : null;

    public static string FormatStart(DateTime start) => start.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>window: daily</c>, <c>weekly</c>, <c>monthly</c>, <c>quarterly</c>, <c>yearly</c>, <c>{ rolling: 30d }</c> or
    /// <c>{ calendar: monthly, time_zone: Europe/Paris, start: "2024-02-01 00:00:00" }</c>.
    /// </summary>
    public static SloWindow? ReadWindow(NodeReader r, MappingNode map, string defaultZone)
    {
        var node = map.Get("window");
        switch (node)
        {
            case null:
                r.Report(map.Line, "missing required field 'window' (daily, weekly, monthly, quarterly, yearly, { rolling: 30d } or { calendar: weekly, time_zone: ... })");
                return null;
            case ScalarNode { Text: { } kind } when SloWindow.CalendarKinds.Contains(kind):
                return new SloWindow(kind, null, defaultZone);
            case MappingNode window:
                r.RejectUnknown(window, "window.", "rolling", "calendar", "time_zone", "start");
                var zone = r.String(window, "time_zone") ?? defaultZone;
                if (!ZoneExists(zone))
                {
                    r.Report(window.Line, $"unknown time zone '{zone}', expected an IANA name such as Europe/Berlin");
                    return null;
                }

                if (r.String(window, "rolling") is { } rolling)
                {
                    if (ParseDuration(rolling) is not { } span || span < TimeSpan.FromHours(1))
                    {
                        r.Report(window.Line, $"window.rolling '{rolling}' is not a duration of an hour or more such as 7d, 28d or 30d");
                        return null;
                    }

                    return new SloWindow(SloWindow.RollingKind, span, zone);
                }

                var calendar = r.String(window, "calendar");
                if (calendar is null || !SloWindow.CalendarKinds.Contains(calendar))
                {
                    r.Report(window.Line, $"window needs 'rolling: 7d|28d|30d' or 'calendar: daily|weekly|monthly|quarterly|yearly', found '{calendar}'");
                    return null;
                }

                DateTime? start = null;
                if (r.String(window, "start") is { } startText)
                {
                    start = ParseStart(startText);
                    if (start is null)
                    {
                        r.Report(window.Get("start")!.Line, $"window.start '{startText}' is not a local date and time such as \"2024-02-01 00:00:00\"");
                        return null;
                    }
                }

                return new SloWindow(calendar, null, zone) { Start = start };
            default:
                r.Report(node.Line, $"unknown window '{(node as ScalarNode)?.Text ?? node.KindName}', expected daily, weekly, monthly, quarterly, yearly, {{ rolling: 30d }} or {{ calendar: weekly, time_zone: ... }}");
                return null;
        }
    }

    /// <summary><c>budgeting: occurrences</c> or <c>{ timeslices: 1h, slice_target: 2000 }</c>.</summary>
    public static SloBudgeting ReadBudgeting(NodeReader r, MappingNode map)
    {
        switch (map.Get("budgeting"))
        {
            case null:
            case ScalarNode { Text: SloBudgeting.Occurrences }:
                return SloBudgeting.ByOccurrences;
            case MappingNode budgeting:
                r.RejectUnknown(budgeting, "budgeting.", "timeslices", "slice_target");
                var length = r.String(budgeting, "timeslices") is { } text ? ParseDuration(text) : null;
                if (length is null || length < TimeSpan.FromMinutes(5) || length.Value.Ticks % TimeSpan.FromMinutes(5).Ticks != 0)
                {
                    r.Report(budgeting.Line, "budgeting.timeslices must be a slice length in whole 5-minute steps, such as 5m, 1h or 1d");
                    return SloBudgeting.ByOccurrences;
                }

                return new SloBudgeting(SloBudgeting.Timeslices, length, r.Number(budgeting, "slice_target"));
            case var other:
                r.Report(other.Line, "budgeting must be 'occurrences' or { timeslices: 1h } (optionally with slice_target)");
                return SloBudgeting.ByOccurrences;
        }
    }

    public static SloScope ReadScope(NodeReader r, MappingNode map)
    {
        if (r.Mapping(map, "scope") is not { } scope)
        {
            return SloScope.All;
        }

        r.RejectUnknown(scope, "scope.", "targets", "datasets", "tags", "origins");
        return new SloScope(Names(r, scope, "targets"), Names(r, scope, "datasets"), Names(r, scope, "tags"), Origins(r, scope));
    }

    /// <summary><c>scope.origins</c>: which runs count (<see cref="RunOrigins"/>); null when not given.</summary>
    private static List<string>? Origins(NodeReader r, MappingNode scope)
    {
        if (scope.Get("origins") is null)
        {
            return null;
        }

        var origins = Names(r, scope, "origins");
        foreach (var (origin, line) in (scope.Get("origins") as SequenceNode)?.Items.OfType<ScalarNode>().Select(n => (n.Text, n.Line)) ?? [])
        {
            if (origin is not null && !RunOrigins.IsKnown(origin))
            {
                r.Report(line, $"unknown origin '{origin}' in scope.origins{Text.DidYouMean.Suffix(origin, RunOrigins.All)}, expected any of {string.Join(", ", RunOrigins.All)}");
            }
        }

        if (origins.Count == 0)
        {
            r.Report(scope.Get("origins")!.Line, $"scope.origins must name at least one of {string.Join(", ", RunOrigins.All)}");
        }

        return origins;
    }

    private static List<string> Names(NodeReader r, MappingNode map, string key) =>
        r.Sequence(map, key)?.Items.Select(n => n is ScalarNode { Kind: ScalarKind.String, Text: { } t } ? t : Invalid(r, n, key)).OfType<string>().ToList() ?? [];

    private static string? Invalid(NodeReader r, DataNode node, string key)
    {
        r.Report(node.Line, $"scope.{key} must list names (strings), found {node.KindName}");
        return null;
    }

    internal static bool ZoneExists(string zone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
