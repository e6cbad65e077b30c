using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Slo;

/// <summary>One OpenSLO <c>kind: SLO</c> document into an <see cref="SloDefinition"/>, problems as <c>path:line</c>.</summary>
internal static class OpenSloReader
{
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

        var objective = r.Sequence(spec, "objectives")?.Items.ElementAtOrDefault(index) as MappingNode;
        if (count > 1 && objective is not null)
        {
            name = $"{name}-{r.String(objective, "displayName") ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        var op = objective is null ? null : OpenSlo.OperatorOf(r.String(objective, "op") ?? string.Empty);
        var value = objective is null ? null : r.Number(objective, "value");
        if (objective is null || op is null || value is null)
        {
            r.Report((objective ?? spec).Line, $"SLO '{name}': expected objectives with op (lt, lte, gt, gte) and value");
            return null;
        }

        var method = r.String(spec, "budgetingMethod") ?? "Occurrences";
        if (method is not ("Occurrences" or "Timeslices"))
        {
            r.Report(spec.Get("budgetingMethod")!.Line, $"SLO '{name}': budgetingMethod '{method}' is not supported, expected Occurrences or Timeslices (RatioTimeslices needs per-slice ratios, which SloQuality's slices do not keep)");
            return null;
        }

        var timeslices = method == "Timeslices";
        var sliceLength = timeslices && r.String(objective, "timeSliceWindow") is { } slice ? SloDurations.Parse(slice) : null;
        if (timeslices && sliceLength is null)
        {
            r.Report(objective.Line, $"SLO '{name}': budgetingMethod Timeslices needs objectives[0].timeSliceWindow such as 1h");
            return null;
        }

        var sliceTarget = r.Number(source!, "sliceTarget");
        if (timeslices && sliceTarget is null && objective.Get("timeSliceTarget") is ScalarNode { Kind: ScalarKind.Number } share && r.Number(objective, "timeSliceTarget", 0, 1) is { } fraction and < 1)
        {
            // OpenSLO's share of a slice that must be good is our per-slice condition for a rate SLI only.
            if (!SliKinds.Rates.Contains(sli))
            {
                r.Report(share.Line, $"SLO '{name}': timeSliceTarget {OpenSlo.Number(fraction)} needs a rate SLI; {sli} is a value, so give the per-slice condition as sliceTarget in the metricSource spec");
                return null;
            }

            sliceTarget = fraction;
        }

        var budgeting = timeslices ? new SloBudgeting(SloBudgeting.Timeslices, sliceLength, sliceTarget) : SloBudgeting.ByOccurrences;
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

        // The spec: isRolling defaults to false when a calendar is given, else to true.
        if (r.Boolean(window, "isRolling") ?? window.Get("calendar") is null)
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
