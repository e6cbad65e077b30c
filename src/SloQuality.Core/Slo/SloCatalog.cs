using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Slo;

/// <summary>Loads <c>slos.yaml</c> from the configuration folder (<c>jobs/</c>); every problem as <c>path:line: message</c>.</summary>
public static class SloCatalog
{
    public const string FileName = "slos.yaml";

    private static readonly string[] Fields =
        ["name", "description", "sli", "op", "target", "window", "budgeting", "objective", "scope", "criticality", "of"];

    public static (SloSet Set, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder) => LoadFile(Path.Combine(configFolder, FileName));

    public static (SloSet Set, IReadOnlyList<DatasetProblem> Problems) LoadFile(string path)
    {
        var problems = new List<DatasetProblem>();
        var empty = new SloSet([], new AvailabilityCounting());
        if (YamlNodeReader.ParseFile(path, problems) is not { } root)
        {
            return (empty, problems);
        }

        var r = new NodeReader(path, problems);
        if (root is not MappingNode map || r.Sequence(map, "slos") is not { } list)
        {
            r.Report(root.Line, "expected a mapping with 'slos:', a list of SLO definitions");
            return (empty, problems);
        }

        r.RejectUnknown(map, string.Empty, "slos", "defaults", "availability");
        var zone = "UTC";
        if (r.Mapping(map, "defaults") is { } defaults)
        {
            r.RejectUnknown(defaults, "defaults.", "time_zone");
            zone = r.String(defaults, "time_zone") ?? zone;
        }

        var counting = new AvailabilityCounting();
        if (r.Mapping(map, "availability") is { } availability)
        {
            r.RejectUnknown(availability, "availability.", "content_filter", "truncation", "severe_drift");
            counting = new AvailabilityCounting(
                r.Boolean(availability, "content_filter") ?? true,
                r.Boolean(availability, "truncation") ?? true,
                r.Boolean(availability, "severe_drift") ?? true);
        }

        var slos = new List<SloDefinition>();
        foreach (var node in list.Items)
        {
            if (node is not MappingNode entry)
            {
                r.Report(node.Line, $"an SLO must be a mapping, found {node.KindName}");
                continue;
            }

            var before = problems.Count;
            var slo = Read(r, entry, zone);
            if (slo is not null && slos.Any(s => s.Name == slo.Name))
            {
                r.Report(entry.Line, $"duplicate SLO name '{slo.Name}'");
            }
            else if (slo is not null && problems.Count == before)
            {
                slos.Add(slo);
            }
        }

        foreach (var mttr in slos.Where(s => s.Sli == SliKinds.Mttr && !slos.Any(o => o.Name == s.Of)))
        {
            r.Report(list.Line, $"SLO '{mttr.Name}': 'of' names '{mttr.Of}', which is not an SLO in this file");
        }

        return (new SloSet(problems.Count == 0 ? slos : [], counting), problems);
    }

    private static SloDefinition? Read(NodeReader r, MappingNode map, string zone)
    {
        r.RejectUnknown(map, string.Empty, Fields);
        var name = r.String(map, "name", required: true);
        var sli = r.String(map, "sli", required: true);
        var op = r.String(map, "op", required: true);
        var target = r.Number(map, "target");
        if (map.Get("target") is null)
        {
            r.Report(map.Line, "missing required field 'target'");
        }

        if (sli is not null && !SliKinds.All.Contains(sli))
        {
            r.Report(map.Get("sli")!.Line, $"unknown sli '{sli}', expected one of: {string.Join(", ", SliKinds.All)}");
            return null;
        }

        if (op is not null and not ("<" or "<=" or ">" or ">="))
        {
            r.Report(map.Get("op")!.Line, $"unknown op '{op}', expected <, <=, > or >=");
            return null;
        }

        if (name is null || sli is null || op is null || target is null)
        {
            return null;
        }

        if (SliKinds.LowerIsBetter(sli) != op.StartsWith('<'))
        {
            r.Report(map.Get("op")!.Line, $"op '{op}' does not suit {sli}: a {(SliKinds.LowerIsBetter(sli) ? "lower" : "higher")} value is better, expected {(SliKinds.LowerIsBetter(sli) ? "< or <=" : "> or >=")}");
            return null;
        }

        var window = SloYaml.ReadWindow(r, map, zone);
        var budgeting = SloYaml.ReadBudgeting(r, map);
        if (sli == SliKinds.ThroughputTps && budgeting.Method == SloBudgeting.Occurrences)
        {
            r.Report(map.Line, $"SLO '{name}': throughput_tps is measured per slice of time; use budgeting: {{ timeslices: 1h }}");
            return null;
        }

        var objective = r.Number(map, "objective", 0.0001, 1) ?? (sli == SliKinds.Mttr ? 1 : DerivedObjective(sli, target.Value, budgeting));
        if (objective is null)
        {
            r.Report(map.Line, $"SLO '{name}': {sli} with {budgeting.Method} needs an 'objective' (the share of good {(budgeting.Method == SloBudgeting.Timeslices ? "slices" : "items")}, for example 0.95)");
            return null;
        }

        if (sli == SliKinds.Mttr && r.String(map, "of") is null)
        {
            r.Report(map.Line, $"SLO '{name}': an mttr SLO needs 'of', the name of the SLO whose incidents it measures");
            return null;
        }

        if (window is null)
        {
            return null;
        }

        return new SloDefinition
        {
            Name = name,
            Description = r.String(map, "description"),
            Sli = sli,
            Operator = op,
            Target = target.Value,
            Window = window,
            Budgeting = budgeting,
            Objective = objective.Value,
            Scope = SloYaml.ReadScope(r, map),
            Criticality = r.String(map, "criticality") ?? "medium",
            Of = r.String(map, "of"),
        };
    }

    /// <summary>The objective an SLI implies: a rate's target, a bad rate's complement, a percentile's quantile.</summary>
    public static double? DerivedObjective(string sli, double target, SloBudgeting budgeting)
    {
        if (budgeting.Method == SloBudgeting.Timeslices)
        {
            return null;
        }

        return sli switch
        {
            SliKinds.HallucinationRate => 1 - target,
            SliKinds.CorrectnessRate or SliKinds.Availability or SliKinds.SuccessRate => target,
            _ when SliKinds.Percentiles.TryGetValue(sli, out var p) => p.Quantile,
            _ => null,
        };
    }
}
