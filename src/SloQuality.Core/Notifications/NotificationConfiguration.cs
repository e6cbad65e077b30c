using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Slo;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Notifications;

/// <summary>
/// Reads <c>notifications.yaml</c> (see the file for every key). A webhook URL usually holds a token,
/// so it is given by the name of an environment variable (<c>url_env</c>); a webhook whose variable is
/// unset is left out with a problem that names the variable, never its value.
/// </summary>
public static class NotificationConfiguration
{
    public const string FileName = "notifications.yaml";

    public static (NotificationSettings Settings, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var problems = new List<DatasetProblem>();
        var (r, root) = ConfigurationFile.Open(configFolder, FileName, "'webhooks:'", problems);
        if (root is null)
        {
            return (new NotificationSettings(), problems);
        }

        r.RejectUnknown(root, string.Empty, "webhooks", "retries", "first_retry_delay", "timeout", "public_url");
        var defaults = new NotificationSettings();
        var publicUrl = r.String(root, "public_url") is { } text ? Uri.TryCreate(text, UriKind.Absolute, out var u) ? u : Bad(r, root, "public_url", text) : null;
        return (new NotificationSettings
        {
            Webhooks = Webhooks(r, r.Sequence(root, "webhooks"), environment),
            Retries = r.Integer(root, "retries", 0, 10) ?? defaults.Retries,
            FirstRetryDelay = Duration(r, root, "first_retry_delay") ?? defaults.FirstRetryDelay,
            Timeout = Duration(r, root, "timeout") ?? defaults.Timeout,
            PublicUrl = publicUrl,
        }, problems);
    }

    /// <summary>
    /// Every secret value this configuration folder makes the process hold: the API keys named by the
    /// model targets and the embedding model, the webhook URLs, and the dashboard credentials.
    /// </summary>
    public static SecretScrubber Scrubber(string configFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var names = new List<string?> { "SLOQ_DASHBOARD_PASSWORD", "SLOQ_DASHBOARD_TOKEN", "SLOQ_DASHBOARD_READONLY_PASSWORD", "SLOQ_POSTGRES" };
        names.AddRange(ModelTargetCatalog.Load(configFolder).Targets.Select(t => t.ApiKeyEnv));
        names.Add(DriftConfiguration.Load(configFolder).Embedding.ApiKeyEnv);
        var (settings, _) = Load(configFolder, environment);
        return new SecretScrubber(names.OfType<string>().Select(environment).OfType<string>().Concat(settings.Webhooks.Select(w => w.Url.ToString())));
    }

    private static List<Webhook> Webhooks(NodeReader r, SequenceNode? list, Func<string, string?> environment)
    {
        var webhooks = new List<Webhook>();
        foreach (var (node, i) in (list?.Items ?? []).Select((n, i) => (n, i)))
        {
            if (node is not MappingNode map)
            {
                r.Report(node.Line, $"webhooks[{i}] must be a mapping (name, url_env or url, events), found {node.KindName}");
                continue;
            }

            r.RejectUnknown(map, $"webhooks[{i}].", "name", "url_env", "url", "events");
            var name = r.String(map, "name") ?? $"webhook {i + 1}";
            var variable = r.String(map, "url_env");
            var url = variable is not null ? environment(variable) : r.String(map, "url");
            if (variable is not null && string.IsNullOrEmpty(url))
            {
                r.Report(map.Line, $"webhooks[{i}] ({name}): the environment variable {variable} is not set, so this webhook is off");
                continue;
            }

            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                r.Report(map.Line, $"webhooks[{i}] ({name}): expected url_env (an environment variable holding an http(s) URL) or url");
                continue;
            }

            var events = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in r.Sequence(map, "events")?.Items ?? [])
            {
                if (e is ScalarNode { Text: Webhook.AlertEvents or Webhook.DailyReportEvents } s)
                {
                    events.Add(s.Text!);
                }
                else
                {
                    r.Report(e.Line, $"webhooks[{i}].events: expected {Webhook.AlertEvents} or {Webhook.DailyReportEvents}");
                }
            }

            webhooks.Add(new Webhook(name, uri, events.Count > 0 ? events : new HashSet<string>([Webhook.AlertEvents, Webhook.DailyReportEvents], StringComparer.Ordinal)));
        }

        return webhooks;
    }

    private static TimeSpan? Duration(NodeReader r, MappingNode map, string key)
    {
        if (r.String(map, key) is not { } text)
        {
            return null;
        }

        var seconds = text.EndsWith("ms", StringComparison.Ordinal) ? Number(text[..^2]) / 1000 : text.EndsWith('s') ? Number(text[..^1]) : null;
        if ((seconds is { } s ? TimeSpan.FromSeconds(s) : SloDurations.Parse(text)) is { } span && span > TimeSpan.Zero)
        {
            return span;
        }

        r.Report(map.Get(key)!.Line, $"{key}: '{text}' is not a duration, expected for example 1s or 500ms");
        return null;
    }

    private static double? Number(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;

    private static Uri? Bad(NodeReader r, MappingNode map, string key, string text)
    {
        r.Report(map.Get(key)!.Line, $"{key}: '{text}' is not an absolute URL");
        return null;
    }
}
