using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Jobs;

/// <summary>
/// Loads <c>schedules.yaml</c>: <c>evaluations</c> (datasets × targets × cron × time zone) and <c>folds</c>
/// (daily and weekly). Defaults without the file: nothing evaluated on a schedule, folds at 00:10 daily
/// and 00:20 on Mondays, UTC.
/// </summary>
public static class ScheduleCatalog
{
    public const string FileName = "schedules.yaml";

    public static (IReadOnlyList<EvaluationSchedule> Evaluations, IReadOnlyList<FoldSchedule> Folds, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder)
    {
        var path = Path.Combine(configFolder, FileName);
        var problems = new List<DatasetProblem>();
        var folds = new List<FoldSchedule> { new("daily", "10 0 * * *", "UTC", 0), new("weekly", "20 0 * * 1", "UTC", 0) };
        if (!File.Exists(path))
        {
            return ([], folds, problems);
        }

        var r = new NodeReader(path, problems);
        if (YamlNodeReader.ParseFile(path, problems) is not MappingNode root)
        {
            if (problems.Count == 0)
            {
                r.Report(1, "expected a mapping with 'evaluations:' and 'folds:'");
            }

            return ([], folds, problems);
        }

        r.RejectUnknown(root, string.Empty, "evaluations", "folds");
        var evaluations = new List<EvaluationSchedule>();
        foreach (var node in r.Sequence(root, "evaluations")?.Items ?? [])
        {
            if (node is not MappingNode map)
            {
                r.Report(node.Line, $"an evaluation schedule must be a mapping, found {node.KindName}");
                continue;
            }

            r.RejectUnknown(map, "evaluations.", "datasets", "targets", "cron", "time_zone", "repeat");
            var datasets = Names(r, map, "datasets");
            var targets = Names(r, map, "targets");
            var cron = r.String(map, "cron", required: true);
            var zone = r.String(map, "time_zone") ?? "UTC";
            var repeat = r.Integer(map, "repeat", 1, 100) ?? 1;
            if (datasets.Count == 0 || targets.Count == 0)
            {
                r.Report(map.Line, "an evaluation schedule needs 'datasets' (names, or \"*\" for all) and 'targets'");
                continue;
            }

            evaluations.AddRange(cron is null ? [] : targets.Select(t => new EvaluationSchedule(datasets, t, cron, zone, repeat, map.Line)));
        }

        if (r.Mapping(root, "folds") is { } foldMap)
        {
            r.RejectUnknown(foldMap, "folds.", "daily", "weekly");
            folds = folds.Select(f => r.Mapping(foldMap, f.Kind) is { } m
                ? new FoldSchedule(f.Kind, r.String(m, "cron") ?? f.Cron, r.String(m, "time_zone") ?? f.TimeZone, m.Line)
                : f).ToList();
        }

        return (evaluations, folds, problems);
    }

    private static List<string> Names(NodeReader r, MappingNode map, string key) => map.Get(key) switch
    {
        ScalarNode { Kind: ScalarKind.String, Text: { } one } => [one],
        SequenceNode list => list.Items.OfType<ScalarNode>().Select(n => n.Text ?? string.Empty).Where(t => t.Length > 0).ToList(),
        null => [],
        var other => Invalid(r, other, key),
    };

    private static List<string> Invalid(NodeReader r, DataNode node, string key)
    {
        r.Report(node.Line, $"'{key}' must be a name or a list of names, found {node.KindName}");
        return [];
    }
}
