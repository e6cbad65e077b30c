using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Slo;

/// <summary>One OpenSLO <c>kind: SLO</c> document into an <see cref="SloDefinition"/>, problems as <c>path:line</c>.</summary>
internal static class OpenSloReader
{
    public static SloDefinition? Read(NodeReader r, MappingNode document)
    {
        var name = r.Mapping(document, "metadata") is { } metadata ? r.String(metadata, "name", required: true) : null;
        if (r.Mapping(document, "spec") is not { } spec || name is null)
        {
            r.Report(document.Line, "an OpenSLO SLO needs metadata.name and spec");
            return null;
        }

        if (spec.Get("indicatorRef") is { } reference)
        {
            r.Report(reference.Line, $"SLO '{name}': indicatorRef (an SLI in another document) is not supported; inline it as spec.indicator with a metricSource of type SloQuality");
            return null;
        }

        var source = Source(r, spec);
        var sli = source is null ? null : r.String(source, "sli");
        if (sli is null || !SliKinds.All.Contains(sli))
        {
            r.Report(spec.Line, $"SLO '{name}': the indicator is not a SloQuality SLI: expected spec.indicator.spec.thresholdMetric.metricSource of type SloQuality with spec.sli one of {string.Join(", ", SliKinds.All)}");
            return null;
        }

        var objective = r.Sequence(spec, "objectives")?.Items.OfType<MappingNode>().FirstOrDefault();
        var op = objective is null ? null : OpenSlo.OperatorOf(r.String(objective, "op") ?? string.Empty);
        var value = objective is null ? null : r.Number(objective, "value");
        if (objective is null || op is null || value is null)
        {
            r.Report((objective ?? spec).Line, $"SLO '{name}': expected objectives with op (lt, lte, gt, gte) and value");
            return null;
        }

        var timeslices = r.String(spec, "budgetingMethod") == "Timeslices";
        var sliceLength = timeslices && r.String(objective, "timeSliceWindow") is { } slice ? SloDurations.Parse(slice) : null;
        if (timeslices && sliceLength is null)
        {
            r.Report(objective.Line, $"SLO '{name}': budgetingMethod Timeslices needs objectives[0].timeSliceWindow such as 1h");
            return null;
        }

        var budgeting = timeslices ? new SloBudgeting(SloBudgeting.Timeslices, sliceLength, r.Number(source!, "sliceTarget")) : SloBudgeting.ByOccurrences;
        // Annotations are strings: an objective OpenSLO cannot hold (1) comes back from ours exactly.
        var annotated = r.Mapping(r.Mapping(document, "metadata")!, "annotations")?.Get(OpenSlo.ObjectiveAnnotation) is ScalarNode { Text: { } exact }
            && double.TryParse(exact, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 1
                ? parsed
                : (double?)null;
        var target = annotated ?? r.Number(objective, "target", 0.0001, 1) ?? (sli == SliKinds.Mttr ? 1 : SloCatalog.DerivedObjective(sli, value.Value, budgeting));
        var window = Window(r, spec, name);
        if (target is null || window is null)
        {
            r.Report(objective.Line, target is null ? $"SLO '{name}': objectives[0].target (the share of good events or slices) is needed for {sli}" : $"SLO '{name}': timeWindow not understood");
            return null;
        }

        var labels = r.Mapping(r.Mapping(document, "metadata")!, "labels");
        return new SloDefinition
        {
            Name = name,
            Description = r.String(spec, "description"),
            Sli = sli,
            Operator = op,
            Target = value.Value,
            Window = window,
            Budgeting = budgeting,
            Objective = target.Value,
            Scope = new SloScope(Names(source!, "targets"), Names(source!, "datasets"), Names(source!, "tags")),
            Criticality = labels is null ? "medium" : r.String(labels, "criticality") ?? "medium",
            Of = r.String(source!, "of"),
        };
    }

    private static MappingNode? Source(NodeReader r, MappingNode spec)
    {
        var indicator = r.Mapping(spec, "indicator");
        var metric = indicator is null ? null : r.Mapping(indicator, "spec") is { } s ? r.Mapping(s, "thresholdMetric") : null;
        var source = metric is null ? null : r.Mapping(metric, "metricSource");
        return source is not null && r.String(source, "type") == "SloQuality" ? r.Mapping(source, "spec") : null;
    }

    private static SloWindow? Window(NodeReader r, MappingNode spec, string name)
    {
        if (r.Sequence(spec, "timeWindow")?.Items.OfType<MappingNode>().FirstOrDefault() is not { } window
            || r.String(window, "duration") is not { } durationText || SloDurations.Parse(durationText) is not { } duration)
        {
            return null;
        }

        if (r.Boolean(window, "isRolling") != false)
        {
            return new SloWindow(SloWindow.RollingKind, duration);
        }

        var zone = OpenSlo.FromOpenSloTimeZone(r.Mapping(window, "calendar") is { } calendar ? r.String(calendar, "timeZone") ?? "UTC" : "UTC");
        if (duration == TimeSpan.FromDays(1) || duration == TimeSpan.FromDays(7))
        {
            return new SloWindow(duration == TimeSpan.FromDays(1) ? SloWindow.Daily : SloWindow.Weekly, null, zone);
        }

        r.Report(window.Line, $"SLO '{name}': a calendar window of {durationText} is not supported, expected 1d or 1w");
        return null;
    }

    private static List<string> Names(MappingNode map, string key) =>
        map.Get(key) is SequenceNode list ? list.Items.OfType<ScalarNode>().Select(n => n.Text ?? string.Empty).ToList() : [];
}
