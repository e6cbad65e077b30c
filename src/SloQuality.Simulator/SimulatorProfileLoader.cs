using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Simulator;

/// <summary>Reads a simulator profile YAML file; every problem is reported as <c>path:line: message</c>.</summary>
public static class SimulatorProfileLoader
{
    public static (SimulatorProfile? Profile, IReadOnlyList<DatasetProblem> Problems) Load(string path)
    {
        var problems = new List<DatasetProblem>();
        if (YamlNodeReader.ParseFile(path, problems) is not { } root)
        {
            return (null, problems);
        }

        var r = new NodeReader(path, problems);
        if (root is not MappingNode map)
        {
            r.Report(root.Line, "a simulator profile must be a mapping");
            return (null, problems);
        }

        r.RejectUnknown(map, string.Empty, "model", "seed", "datasets", "latency", "errors", "finish", "answers", "judge", "legacy_vllm_metric_names");
        var model = r.String(map, "model", required: true);
        var latency = r.Mapping(map, "latency");
        var errors = r.Mapping(map, "errors");
        var finish = r.Mapping(map, "finish");
        var answers = r.Mapping(map, "answers");
        if (latency is not null)
        {
            r.RejectUnknown(latency, "latency.", "ttft_ms", "inter_token_ms", "words_per_chunk");
        }

        if (errors is not null)
        {
            r.RejectUnknown(errors, "errors.", "http_500", "http_503", "http_429", "retry_after_seconds", "hang", "hang_seconds", "connection_reset", "stream_cut");
        }

        if (finish is not null)
        {
            r.RejectUnknown(finish, "finish.", "length", "content_filter");
        }

        if (answers is not null)
        {
            r.RejectUnknown(answers, "answers.", "hallucination", "paraphrase", "meaning_shift");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var datasets = ReadDatasets(r, map, folder);
        var profile = new SimulatorProfile
        {
            Model = model ?? string.Empty,
            Seed = r.Integer(map, "seed") ?? 1,
            Datasets = datasets,
            Ttft = latency is null ? new LogNormal(200, 800) : ReadLogNormal(r, latency, "ttft_ms") ?? new LogNormal(200, 800),
            InterToken = latency is null ? new LogNormal(15, 60) : ReadLogNormal(r, latency, "inter_token_ms") ?? new LogNormal(15, 60),
            WordsPerChunk = latency is null ? 1 : r.Integer(latency, "words_per_chunk", 1, 100) ?? 1,
            Errors = errors is null ? new SimulatorProfile.ErrorRates() : new SimulatorProfile.ErrorRates
            {
                Http500 = Share(r, errors, "http_500"),
                Http503 = Share(r, errors, "http_503"),
                Http429 = Share(r, errors, "http_429"),
                RetryAfterSeconds = r.Integer(errors, "retry_after_seconds", 0, 3600) ?? 1,
                Hang = Share(r, errors, "hang"),
                HangSeconds = r.Number(errors, "hang_seconds", 0, 86400) ?? 300,
                ConnectionReset = Share(r, errors, "connection_reset"),
                StreamCut = Share(r, errors, "stream_cut"),
            },
            LengthRate = finish is null ? 0 : Share(r, finish, "length"),
            ContentFilterRate = finish is null ? 0 : Share(r, finish, "content_filter"),
            Judge = r.Boolean(map, "judge") ?? false,
            LegacyVllmMetricNames = r.Boolean(map, "legacy_vllm_metric_names") ?? false,
            HallucinationRate = answers is null ? 0 : Share(r, answers, "hallucination"),
            ParaphraseRate = answers is null ? 0 : Share(r, answers, "paraphrase"),
            MeaningShiftRate = answers is null ? 0 : Share(r, answers, "meaning_shift"),
        };

        if (profile.Errors.Total > 1)
        {
            r.Report(errors!.Line, $"the error shares add up to {profile.Errors.Total}, expected at most 1");
        }

        if (profile.HallucinationRate + profile.ParaphraseRate > 1)
        {
            r.Report(answers!.Line, "answers.hallucination + answers.paraphrase must be at most 1");
        }

        return (problems.Count == 0 ? profile : null, problems);
    }

    private static List<string> ReadDatasets(NodeReader r, MappingNode map, string folder)
    {
        var node = map.Get("datasets");
        var entries = node switch
        {
            null => [],
            ScalarNode { Kind: ScalarKind.String, Text: { } one } => [one],
            SequenceNode seq => seq.Items.OfType<ScalarNode>().Where(s => s.Kind == ScalarKind.String).Select(s => s.Text!).ToList(),
            _ => Invalid(r, node),
        };
        return entries.Select(e => Path.GetFullPath(Path.Combine(folder, e))).ToList();
    }

    private static List<string> Invalid(NodeReader r, DataNode node)
    {
        r.Report(node.Line, $"'datasets' must be a folder or a list of folders, found {node.KindName}");
        return [];
    }

    private static LogNormal? ReadLogNormal(NodeReader r, MappingNode parent, string key)
    {
        if (r.Mapping(parent, key) is not { } map)
        {
            return null;
        }

        r.RejectUnknown(map, key + ".", "median", "p99");
        var median = r.Number(map, "median", 0, 600_000) ?? 0;
        var p99 = r.Number(map, "p99", 0, 600_000) ?? median;
        if (p99 < median)
        {
            r.Report(map.Line, $"'{key}.p99' ({p99}) must not be below the median ({median})");
        }

        return new LogNormal(median, p99);
    }

    private static double Share(NodeReader r, MappingNode map, string key) => r.Number(map, key, 0, 1) ?? 0;
}
