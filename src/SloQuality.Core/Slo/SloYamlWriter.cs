using YamlDotNet.Serialization;

namespace SloQuality.Core.Slo;

/// <summary>Writes SLO definitions in the <c>slos.yaml</c> form (for <c>sloq slo import</c>).</summary>
public static class SloYamlWriter
{
    public static string Write(IEnumerable<SloDefinition> slos)
    {
        var list = slos.Select(slo =>
        {
            var entry = new Dictionary<string, object?> { ["name"] = slo.Name };
            if (slo.Description is { Length: > 0 })
            {
                entry["description"] = slo.Description;
            }

            entry["sli"] = slo.Sli;
            entry["op"] = slo.Operator;
            entry["target"] = slo.Target;
            entry["window"] = slo.Window.Kind == SloWindow.RollingKind
                ? new Dictionary<string, object?> { ["rolling"] = SloDurations.Format(slo.Window.Period) }
                : slo.Window.Start is { } start
                    ? new Dictionary<string, object?> { ["calendar"] = slo.Window.Kind, ["time_zone"] = slo.Window.TimeZone, ["start"] = SloYaml.FormatStart(start) }
                    : new Dictionary<string, object?> { ["calendar"] = slo.Window.Kind, ["time_zone"] = slo.Window.TimeZone };
            if (slo.Budgeting.Method == SloBudgeting.Timeslices)
            {
                var budgeting = new Dictionary<string, object?> { ["timeslices"] = SloDurations.Format(slo.Budgeting.SliceLength!.Value) };
                if (slo.Budgeting.SliceTarget is { } t)
                {
                    budgeting["slice_target"] = t;
                }

                entry["budgeting"] = budgeting;
            }

            entry["objective"] = slo.Objective;
            if (slo.Scope.Targets.Count + slo.Scope.Datasets.Count + slo.Scope.TagList.Count > 0 || slo.Scope.Origins is not null)
            {
                var scope = new Dictionary<string, object?> { ["targets"] = slo.Scope.Targets, ["datasets"] = slo.Scope.Datasets, ["tags"] = slo.Scope.TagList };
                if (slo.Scope.Origins is { } origins)
                {
                    scope["origins"] = origins;
                }

                entry["scope"] = scope;
            }

            entry["criticality"] = slo.Criticality;
            if (slo.Of is not null)
            {
                entry["of"] = slo.Of;
            }

            return entry;
        }).ToList();
        return new SerializerBuilder().DisableAliases().Build().Serialize(new Dictionary<string, object?> { ["slos"] = list });
    }
}
