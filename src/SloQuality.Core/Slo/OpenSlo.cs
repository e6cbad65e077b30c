using System.Globalization;
using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;
using YamlDotNet.Serialization;

namespace SloQuality.Core.Slo;

/// <summary>
/// OpenSLO v1 (<c>apiVersion: openslo/v1</c>, <c>kind: SLO</c>): export of our SLOs and import of
/// theirs. The SLI travels as an inline indicator whose metric source is of type <c>SloQuality</c>
/// (<c>spec.sli</c>, scope in <c>spec.targets</c>/<c>spec.datasets</c>); <c>budgetingMethod</c>,
/// <c>timeWindow</c> (rolling or calendar with a time zone) and <c>objectives</c> (<c>op</c>/<c>value</c>,
/// <c>target</c>, <c>timeSliceWindow</c>) map one to one.
/// </summary>
public static class OpenSlo
{
    private static readonly Dictionary<string, string> Ops = new() { ["<"] = "lt", ["<="] = "lte", [">"] = "gt", [">="] = "gte" };

    public static string Export(IEnumerable<SloDefinition> slos)
    {
        var serializer = new SerializerBuilder().DisableAliases().Build();
        return string.Join("---\n", slos.Select(slo => serializer.Serialize(Document(slo))));
    }

    private static Dictionary<string, object?> Document(SloDefinition slo)
    {
        // OpenSLO's target must be below 1; an objective of 1 (MTTR, "never") travels as the largest
        // value below it and comes back exactly through the annotation.
        var objective = new Dictionary<string, object?> { ["displayName"] = slo.Name, ["op"] = Ops[slo.Operator], ["value"] = slo.Target, ["target"] = Math.Min(slo.Objective, MaxTarget) };
        if (slo.Budgeting.Method == SloBudgeting.Timeslices)
        {
            objective["timeSliceWindow"] = SloDurations.Format(slo.Budgeting.SliceLength!.Value);
            // A slice is good when its SLI meets the condition (sliceTarget in the source spec): all of it.
            objective["timeSliceTarget"] = 1;
        }

        var source = new Dictionary<string, object?> { ["sli"] = slo.Sli };
        if (slo.Scope.Targets.Count > 0)
        {
            source["targets"] = slo.Scope.Targets;
        }

        if (slo.Scope.Datasets.Count > 0)
        {
            source["datasets"] = slo.Scope.Datasets;
        }

        if (slo.Scope.TagList.Count > 0)
        {
            source["tags"] = slo.Scope.TagList;
        }

        if (slo.Scope.Origins is { } origins)
        {
            source["origins"] = origins;
        }

        if (slo.Of is not null)
        {
            source["of"] = slo.Of;
        }

        if (slo.Budgeting.SliceTarget is { } sliceTarget)
        {
            source["sliceTarget"] = sliceTarget;
        }

        var window = slo.Window.IsCalendar
            ? new Dictionary<string, object?>
            {
                ["duration"] = CalendarDuration(slo.Window.Kind),
                ["isRolling"] = false,
                // By default a Monday and the first of a year, so weeks are ISO weeks and months start on the 1st.
                ["calendar"] = new Dictionary<string, object?> { ["startTime"] = SloYaml.FormatStart(slo.Window.Anchor), ["timeZone"] = OpenSloTimeZone(slo.Window.TimeZone) },
            }
            : new Dictionary<string, object?> { ["duration"] = SloDurations.Format(slo.Window.Period), ["isRolling"] = true };
        var spec = new Dictionary<string, object?>
        {
            ["description"] = slo.Description ?? string.Empty,
            ["service"] = "sloquality",
            ["indicator"] = new Dictionary<string, object?>
            {
                ["metadata"] = new Dictionary<string, object?> { ["name"] = slo.Sli.Replace('_', '-') },
                ["spec"] = new Dictionary<string, object?> { ["thresholdMetric"] = new Dictionary<string, object?> { ["metricSource"] = new Dictionary<string, object?> { ["type"] = "SloQuality", ["spec"] = source } } },
            },
            ["budgetingMethod"] = slo.Budgeting.Method == SloBudgeting.Timeslices ? "Timeslices" : "Occurrences",
            ["timeWindow"] = new[] { window },
            ["objectives"] = new[] { objective },
        };
        return new Dictionary<string, object?>
        {
            ["apiVersion"] = "openslo/v1",
            ["kind"] = "SLO",
            ["metadata"] = Metadata(slo),
            ["spec"] = spec,
        };
    }

    private static string CalendarDuration(string kind) => kind switch
    {
        SloWindow.Daily => "1d",
        SloWindow.Weekly => "1w",
        SloWindow.Monthly => "1M",
        SloWindow.Quarterly => "1Q",
        _ => "1Y",
    };

    /// <summary>The largest objective OpenSLO accepts (its schema: <c>exclusiveMaximum: 1</c>).</summary>
    internal const double MaxTarget = 0.999999;

    /// <summary>Where an objective OpenSLO cannot hold exactly is kept.</summary>
    internal const string ObjectiveAnnotation = "sloquality.local/objective";

    private static Dictionary<string, object?> Metadata(SloDefinition slo)
    {
        var metadata = new Dictionary<string, object?> { ["name"] = slo.Name, ["labels"] = new Dictionary<string, object?> { ["criticality"] = slo.Criticality } };
        if (slo.Objective > MaxTarget)
        {
            metadata["annotations"] = new Dictionary<string, object?> { [ObjectiveAnnotation] = Number(slo.Objective) };
        }

        return metadata;
    }

    /// <summary>OpenSLO wants <c>Area/Location</c> names: UTC is <c>Etc/UTC</c> there.</summary>
    internal static string OpenSloTimeZone(string? zone) => zone switch
    {
        null or "" or "UTC" or "Z" or "GMT" => "Etc/UTC",
        _ => zone,
    };

    /// <summary>Ours: <c>Etc/UTC</c> and <c>Etc/GMT</c> read back as UTC.</summary>
    internal static string FromOpenSloTimeZone(string zone) => zone is "Etc/UTC" or "Etc/GMT" or "Etc/Universal" ? "UTC" : zone;

    /// <summary>Reads every <c>kind: SLO</c> document of an OpenSLO file; other kinds are skipped.</summary>
    public static (IReadOnlyList<SloDefinition> Slos, IReadOnlyList<DatasetProblem> Problems) Import(string path)
    {
        var problems = new List<DatasetProblem>();
        if (!File.Exists(path))
        {
            return ([], [new DatasetProblem(path, 0, "no such file")]);
        }

        var r = new NodeReader(path, problems);
        var slos = new List<SloDefinition>();
        // Documents separated by ---, or SLOs listed in one YAML sequence: both forms are OpenSLO files.
        var documents = YamlNodeReader.ParseAll(path, File.ReadAllText(path), problems)
            .SelectMany(d => d is SequenceNode list ? list.Items : [d])
            .OfType<MappingNode>();
        foreach (var document in documents)
        {
            if (r.String(document, "kind") != "SLO")
            {
                continue;
            }

            if (r.String(document, "apiVersion") is { } version && version != "openslo/v1")
            {
                r.Report(document.Line, $"apiVersion '{version}' is not supported, expected openslo/v1");
                continue;
            }

            slos.AddRange(OpenSloReader.ReadAll(r, document));
        }

        if (slos.Count == 0 && problems.Count == 0)
        {
            problems.Add(new DatasetProblem(path, 1, "no 'kind: SLO' document found"));
        }

        return (slos, problems);
    }

    internal static string? OperatorOf(string op) => Ops.FirstOrDefault(kv => kv.Value == op).Key;

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
