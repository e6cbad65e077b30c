using SloQuality.Core.Datasets;
using SloQuality.Core.Slo;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Production;

/// <summary>
/// Reads <c>production.yaml</c> from the configuration folder (see the file for every key). The
/// environment variable <c>SLOQ_PROMETHEUS_URL</c> overrides <c>prometheus.url</c>, so a deployment
/// points the same file at its own Prometheus. Every problem is reported as <c>path:line: message</c>.
/// </summary>
public static class ProductionConfiguration
{
    public const string FileName = "production.yaml";
    public const string UrlVariable = "SLOQ_PROMETHEUS_URL";

    public static (ProductionSettings Settings, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var problems = new List<DatasetProblem>();
        var (r, root) = ConfigurationFile.Open(configFolder, FileName, "'prometheus:' and 'targets:'", problems);
        if (root is null)
        {
            return (new ProductionSettings(), problems);
        }

        r.RejectUnknown(root, string.Empty, "prometheus", "targets");
        var settings = new ProductionSettings();
        if (r.Mapping(root, "prometheus") is { } prometheus)
        {
            r.RejectUnknown(prometheus, "prometheus.", "url", "lookback", "cron");
            settings = settings with
            {
                PrometheusUrl = Url(r, prometheus, environment(UrlVariable)),
                Lookback = Duration(r, prometheus, "lookback") ?? ProductionSettings.DefaultLookback,
                Cron = r.String(prometheus, "cron") ?? settings.Cron,
            };
        }
        else if (environment(UrlVariable) is { Length: > 0 } fromEnvironment)
        {
            settings = settings with { PrometheusUrl = Url(r, new MappingNode(root.Line, []), fromEnvironment) };
        }

        return (settings with { Targets = Targets(r, r.Mapping(root, "targets")) }, problems);
    }

    private static Uri? Url(NodeReader r, MappingNode map, string? overridden)
    {
        var text = overridden is { Length: > 0 } ? overridden : r.String(map, "url");
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            r.Report(map.Get("url")?.Line ?? map.Line, $"prometheus.url: '{text}' is not an http(s) URL, expected for example http://prometheus:9090");
            return null;
        }

        return uri;
    }

    private static TimeSpan? Duration(NodeReader r, MappingNode map, string key)
    {
        if (r.String(map, key) is not { } text)
        {
            return null;
        }

        if (SloDurations.Parse(text) is { } span && span >= SliceAggregate.Length)
        {
            return span;
        }

        r.Report(map.Get(key)!.Line, $"prometheus.{key}: '{text}' is not a duration of at least 5m, expected for example 1h or 30m");
        return null;
    }

    private static List<ProductionTarget> Targets(NodeReader r, MappingNode? map)
    {
        var targets = new List<ProductionTarget>();
        foreach (var (name, node) in map?.Entries ?? [])
        {
            var entry = node as MappingNode ?? new MappingNode(node.Line, []);
            if (node is not MappingNode && node is not ScalarNode { Kind: ScalarKind.Null })
            {
                r.Report(node.Line, $"targets.{name} must be a mapping (model_name, queries), found {node.KindName}");
                continue;
            }

            r.RejectUnknown(entry, $"targets.{name}.", "model_name", "queries");
            var queries = new ProductionQueries();
            if (r.Mapping(entry, "queries") is { } q)
            {
                r.RejectUnknown(q, $"targets.{name}.queries.", "ttft", "inter_token", "total", "requests", "good");
                queries = new ProductionQueries
                {
                    Ttft = r.String(q, "ttft") ?? queries.Ttft,
                    InterToken = r.String(q, "inter_token") ?? queries.InterToken,
                    Total = r.String(q, "total") ?? queries.Total,
                    Requests = r.String(q, "requests") ?? queries.Requests,
                    Good = r.String(q, "good") ?? queries.Good,
                };
            }

            targets.Add(new ProductionTarget(name, r.String(entry, "model_name") ?? name, queries));
        }

        return targets;
    }
}
