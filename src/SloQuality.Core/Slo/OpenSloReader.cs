using System.Globalization;
using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Slo;

/// <summary>
/// One OpenSLO <c>kind: SLO</c> document into <see cref="SloDefinition"/>s, problems as <c>path:line</c>
/// at the offending field, named as OpenSLO names it (<c>spec.timeWindow[0].duration</c>) with what would work.
/// </summary>
internal static partial class OpenSloReader
{
    private const string SourcePath = "spec.indicator.spec.thresholdMetric.metricSource";

    /// <summary>One SLO per objective (named after the objective when there are several).</summary>
    public static IReadOnlyList<SloDefinition> ReadAll(NodeReader r, MappingNode document)
    {
        var objectives = (document.Get("spec") as MappingNode)?.Get("objectives") as SequenceNode;
        var count = objectives?.Items.Count ?? 0;
        if (count <= 1)
        {
            return Read(r, document, 0, count) is { } one ? [one] : [];
        }

        return Enumerable.Range(0, count).Select(i => Read(r, document, i, count)).OfType<SloDefinition>().ToList();
    }

    private static SloDefinition? Read(NodeReader r, MappingNode document, int index, int count)
    {
        var name = r.Mapping(document, "metadata") is { } metadata ? r.String(metadata, "name", required: true) : null;
        if (r.Mapping(document, "spec") is not { } spec || name is null)
        {
            r.Report(document.Line, "an OpenSLO SLO needs metadata.name and spec");
            return null;
        }

        if (Indicator(r, spec, name) is not { } indicator)
        {
            return null;
        }

        var (source, sli) = indicator;
        var at = $"spec.objectives[{index}]";
        var objective = r.Sequence(spec, "objectives")?.Items.ElementAtOrDefault(index) as MappingNode;
        if (count > 1 && objective is not null)
        {
            name = $"{name}-{r.String(objective, "displayName") ?? (index + 1).ToString(CultureInfo.InvariantCulture)}";
        }

        var op = objective is null ? null : OpenSlo.OperatorOf(r.String(objective, "op") ?? string.Empty);
        var value = objective is null ? null : r.Number(objective, "value");
        if (objective is null || op is null || value is null)
        {
            r.Report((objective?.Get("op") ?? objective ?? spec.Get("objectives") ?? spec).Line, $"SLO '{name}': {at} needs op (lt, lte, gt or gte) and value");
            return null;
        }

        var method = r.String(spec, "budgetingMethod") ?? "Occurrences";
        if (method is not ("Occurrences" or "Timeslices"))
        {
            r.Report(spec.Get("budgetingMethod")!.Line, $"SLO '{name}': budgetingMethod '{method}' is not supported, expected Occurrences or Timeslices (RatioTimeslices needs per-slice ratios, which SloQuality's slices do not keep)");
            return null;
        }

        var budgeting = method == "Timeslices" ? Timeslices(r, objective, at, name, sli, r.Number(source, "sliceTarget")) : SloBudgeting.ByOccurrences;
        var window = Window(r, spec, name);
        if (budgeting is null || window is null)
        {
            return null;
        }

        // Annotations are strings: an objective OpenSLO cannot hold (1) comes back from ours exactly.
        var annotated = r.Mapping(r.Mapping(document, "metadata")!, "annotations")?.Get(OpenSlo.ObjectiveAnnotation) is ScalarNode { Text: { } exact }
            && double.TryParse(exact, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 1
                ? parsed
                : (double?)null;
        var target = annotated ?? r.Number(objective, "target", 0.0001, 1) ?? (sli == SliKinds.Mttr ? 1 : SloCatalog.DerivedObjective(sli, value.Value, budgeting));
        if (target is null)
        {
            r.Report(objective.Line, $"SLO '{name}': {at}.target (the share of good events or slices, below 1) is needed for {sli}");
            return null;
        }

        var labels = r.Mapping(r.Mapping(document, "metadata")!, "labels");
        return new SloDefinition
        {
            Name = name,
            // OpenSLO's description may be empty (ours exports it so when there is none).
            Description = spec.Get("description") is ScalarNode { Text: { Length: > 0 } description } ? description : null,
            Sli = sli,
            Operator = op,
            Target = value.Value,
            Window = window,
            Budgeting = budgeting,
            Objective = target.Value,
            Scope = new SloScope(Names(source, "targets"), Names(source, "datasets"), Names(source, "tags"), source.Get("origins") is null ? null : Names(source, "origins")),
            Criticality = labels is null ? "medium" : r.String(labels, "criticality") ?? "medium",
            Of = r.String(source, "of"),
        };
    }

    /// <summary>The inline indicator's SloQuality metric source and its SLI; anything else refused where it stands.</summary>
    private static (MappingNode Source, string Sli)? Indicator(NodeReader r, MappingNode spec, string name)
    {
        if (spec.Get("indicatorRef") is { } reference)
        {
            r.Report(reference.Line, $"SLO '{name}': spec.indicatorRef (an SLI in another document) is not supported; inline it as spec.indicator with a metricSource of type SloQuality");
            return null;
        }

        var indicatorSpec = r.Mapping(spec, "indicator") is { } indicator ? r.Mapping(indicator, "spec") : null;
        if (indicatorSpec?.Get("ratioMetric") is { } ratio)
        {
            r.Report(ratio.Line, $"SLO '{name}': spec.indicator.spec.ratioMetric is not supported: SloQuality computes its SLIs from its own runs; use thresholdMetric with a metricSource of type SloQuality and spec.sli");
            return null;
        }

        var metric = indicatorSpec is null ? null : r.Mapping(indicatorSpec, "thresholdMetric");
        var source = metric is null ? null : r.Mapping(metric, "metricSource");
        if (source is null)
        {
            r.Report((indicatorSpec ?? spec.Get("indicator") ?? spec).Line, $"SLO '{name}': {SourcePath} is missing; expected type SloQuality with spec.sli one of {string.Join(", ", SliKinds.All)}");
            return null;
        }

        if (r.String(source, "type") is var type && type != "SloQuality")
        {
            r.Report((source.Get("type") ?? source).Line, $"SLO '{name}': {SourcePath}.type '{type}' is not supported: SloQuality measures its SLIs itself (production latency comes in through jobs/production.yaml); use type SloQuality with spec.sli one of {string.Join(", ", SliKinds.All)}");
            return null;
        }

        var sourceSpec = r.Mapping(source, "spec");
        var sli = sourceSpec is null ? null : r.String(sourceSpec, "sli");
        if (sourceSpec is null || sli is null || !SliKinds.All.Contains(sli))
        {
            r.Report((sourceSpec?.Get("sli") ?? sourceSpec ?? source).Line, $"SLO '{name}': {SourcePath}.spec.sli '{sli}' is not a SloQuality SLI, expected one of {string.Join(", ", SliKinds.All)}");
            return null;
        }

        return (sourceSpec, sli);
    }

    private static SloBudgeting? Timeslices(NodeReader r, MappingNode objective, string at, string name, string sli, double? sliceTarget)
    {
        var sliceText = r.String(objective, "timeSliceWindow");
        if (sliceText is null)
        {
            r.Report(objective.Line, $"SLO '{name}': budgetingMethod Timeslices needs {at}.timeSliceWindow, such as 5m or 1h");
            return null;
        }

        var length = Duration(sliceText) is { Unit: 'm' or 'h' or 'd' or 'w' } d ? Fixed(d) : (TimeSpan?)null;
        if (length is null || length < SliceAggregate.Length || length.Value.Ticks % SliceAggregate.Length.Ticks != 0)
        {
            r.Report(objective.Get("timeSliceWindow")!.Line, $"SLO '{name}': {at}.timeSliceWindow '{sliceText}' cannot be honoured: SloQuality's slices are 5 minutes, so a time slice is 5m or a whole number of them (5m, 15m, 1h, 1d)");
            return null;
        }

        if (sliceTarget is null && objective.Get("timeSliceTarget") is ScalarNode { Kind: ScalarKind.Number } share && r.Number(objective, "timeSliceTarget", 0, 1) is { } fraction and < 1)
        {
            // OpenSLO's share of a slice that must be good is our per-slice condition for a rate SLI only.
            if (!SliKinds.Rates.Contains(sli))
            {
                r.Report(share.Line, $"SLO '{name}': {at}.timeSliceTarget {OpenSlo.Number(fraction)} needs a rate SLI; {sli} is a value, so give the per-slice condition as sliceTarget in {SourcePath}.spec");
                return null;
            }

            sliceTarget = fraction;
        }

        return new SloBudgeting(SloBudgeting.Timeslices, length, sliceTarget);
    }

    private static SloWindow? Window(NodeReader r, MappingNode spec, string name)
    {
        const string at = "spec.timeWindow[0]";
        if (r.Sequence(spec, "timeWindow")?.Items.FirstOrDefault() is not MappingNode window)
        {
            r.Report((spec.Get("timeWindow") ?? spec).Line, $"SLO '{name}': spec.timeWindow needs one window with a duration (such as 28d or 1M) and isRolling or a calendar");
            return null;
        }

        var text = r.String(window, "duration");
        if (text is null || Duration(text) is not { } duration)
        {
            r.Report((window.Get("duration") ?? window).Line, $"SLO '{name}': {at}.duration '{text}' is not an OpenSLO duration: a whole number and one of m h d w M Q Y, such as 28d or 1M");
            return null;
        }

        // The spec: isRolling defaults to false when a calendar is given, else to true.
        if (r.Boolean(window, "isRolling") ?? window.Get("calendar") is null)
        {
            var span = Fixed(duration);
            if (span < TimeSpan.FromHours(1) || span.Ticks % SliceAggregate.Length.Ticks != 0)
            {
                r.Report(window.Get("duration")!.Line, $"SLO '{name}': a rolling {at}.duration of {text} cannot be honoured: SloQuality's rolling windows are 1h or longer in whole 5-minute steps, such as 1h, 7d, 28d or 1M");
                return null;
            }

            return new SloWindow(SloWindow.RollingKind, span);
        }

        var kind = duration.Count != 1 ? null : duration.Unit switch
        {
            'd' => SloWindow.Daily,
            'w' => SloWindow.Weekly,
            'M' => SloWindow.Monthly,
            'Q' => SloWindow.Quarterly,
            'Y' => SloWindow.Yearly,
            _ => null,
        };
        if (kind is null)
        {
            r.Report(window.Get("duration")!.Line, $"SLO '{name}': a calendar {at}.duration of {text} is not supported; calendar windows are 1d, 1w, 1M, 1Q or 1Y");
            return null;
        }

        var calendar = r.Mapping(window, "calendar");
        var zone = OpenSlo.FromOpenSloTimeZone(calendar is null ? "UTC" : r.String(calendar, "timeZone") ?? "UTC");
        if (!SloYaml.ZoneExists(zone))
        {
            r.Report((calendar?.Get("timeZone") ?? window).Line, $"SLO '{name}': {at}.calendar.timeZone '{zone}' is not a known time zone, expected an IANA name such as Europe/Berlin or Etc/UTC");
            return null;
        }

        DateTime? start = null;
        if (calendar is not null && r.String(calendar, "startTime") is { } startText)
        {
            start = SloYaml.ParseStart(startText);
            if (start is null)
            {
                r.Report(calendar.Get("startTime")!.Line, $"SLO '{name}': {at}.calendar.startTime '{startText}' is not a date and time such as 2024-01-01 00:00:00");
                return null;
            }
        }

        // The default start (midnight, Monday 1 January 2024) is kept as no start at all.
        return new SloWindow(kind, null, zone) { Start = start == SloWindow.DefaultStart ? null : start };
    }

    private readonly record struct OpenSloDuration(int Count, char Unit);

    [GeneratedRegex(@"^([1-9][0-9]{0,5})([mhdwMQY])$")]
    private static partial Regex DurationPattern();

    private static OpenSloDuration? Duration(string text) =>
        DurationPattern().Match(text.Trim()) is { Success: true } m ? new OpenSloDuration(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0]) : null;

    /// <summary>A fixed length: a rolling month is 30 days, a quarter 90, a year 365 (as Sloth and most SLO tools read them).</summary>
    private static TimeSpan Fixed(OpenSloDuration d) => d.Unit switch
    {
        'm' => TimeSpan.FromMinutes(d.Count),
        'h' => TimeSpan.FromHours(d.Count),
        'd' => TimeSpan.FromDays(d.Count),
        'w' => TimeSpan.FromDays(7 * d.Count),
        'M' => TimeSpan.FromDays(30 * d.Count),
        'Q' => TimeSpan.FromDays(90 * d.Count),
        _ => TimeSpan.FromDays(365 * d.Count),
    };

    private static List<string> Names(MappingNode map, string key) =>
        map.Get(key) is SequenceNode list ? list.Items.OfType<ScalarNode>().Select(n => n.Text ?? string.Empty).ToList() : [];
}
