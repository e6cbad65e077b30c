using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Configuration;

/// <summary>Loads model targets from <c>targets.yaml</c> in the configuration folder (<c>jobs/</c>).</summary>
public static class ModelTargetCatalog
{
    public const string FileName = "targets.yaml";

    private static readonly string[] TargetFields =
        ["name", "provider", "endpoint", "model", "api_key_env", "profile", "file", "system_prompt", "parameters", "concurrency", "timeout_seconds", "retry", "token_limit_field"];

    public static (IReadOnlyList<ModelTarget> Targets, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder)
    {
        var path = Path.Combine(configFolder, FileName);
        var problems = new List<DatasetProblem>();
        var targets = new List<ModelTarget>();
        if (YamlNodeReader.ParseFile(path, problems) is not { } root)
        {
            return (targets, problems);
        }

        var reader = new NodeReader(path, problems);
        if (root is not MappingNode map || reader.Sequence(map, "targets") is not { } list)
        {
            reader.Report(root.Line, "expected a mapping with 'targets:', a list of model targets");
            return (targets, problems);
        }

        reader.RejectUnknown(map, string.Empty, "targets");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in list.Items)
        {
            if (node is not MappingNode entry)
            {
                reader.Report(node.Line, $"a model target must be a mapping, found {node.KindName}");
                continue;
            }

            var before = problems.Count;
            var target = Read(reader, entry);
            if (target is not null && !names.Add(target.Name))
            {
                reader.Report(entry.Line, $"duplicate target name '{target.Name}'");
            }
            else if (target is not null && problems.Count == before)
            {
                targets.Add(target);
            }
        }

        return (targets, problems);
    }

    private static ModelTarget? Read(NodeReader r, MappingNode map)
    {
        r.RejectUnknown(map, string.Empty, TargetFields);
        var name = r.String(map, "name", required: true);
        var provider = r.String(map, "provider", required: true);
        if (name is null || provider is null)
        {
            return null;
        }

        if (!ModelTarget.Providers.Contains(provider))
        {
            r.Report(map.Get("provider")!.Line, $"unknown provider '{provider}', expected one of: {string.Join(", ", ModelTarget.Providers)}");
            return null;
        }

        var endpoint = ReadEndpoint(r, map, provider);
        var parameters = r.Mapping(map, "parameters");
        if (parameters is not null)
        {
            r.RejectUnknown(parameters, "parameters.", "temperature", "max_tokens", "top_p", "seed");
        }

        var retry = r.Mapping(map, "retry");
        if (retry is not null)
        {
            r.RejectUnknown(retry, "retry.", "max_attempts", "base_delay_seconds", "max_delay_seconds", "retry_on_timeout");
        }

        var target = new ModelTarget
        {
            Name = name,
            Provider = provider,
            Endpoint = endpoint,
            Model = r.String(map, "model"),
            ApiKeyEnv = r.String(map, "api_key_env"),
            Profile = r.String(map, "profile"),
            File = r.String(map, "file"),
            SystemPrompt = r.String(map, "system_prompt"),
            Temperature = parameters is null ? null : r.Number(parameters, "temperature", 0, 2),
            MaxTokens = parameters is null ? null : r.Integer(parameters, "max_tokens", 1, 1_000_000),
            TopP = parameters is null ? null : r.Number(parameters, "top_p", 0, 1),
            Seed = parameters is null ? null : r.Integer(parameters, "seed", 0),
            TokenLimitField = TokenLimitField(r, map),
            Concurrency = r.Integer(map, "concurrency", 1, 1024) ?? 8,
            Timeout = TimeSpan.FromSeconds(r.Number(map, "timeout_seconds", 0.01, 3600) ?? 60),
            Retry = retry is null ? new ModelTarget.RetrySettings() : new ModelTarget.RetrySettings(
                r.Integer(retry, "max_attempts", 1, 10) ?? 3,
                r.Number(retry, "base_delay_seconds", 0, 60) ?? 0.5,
                r.Number(retry, "max_delay_seconds", 0, 600) ?? 30,
                r.Boolean(retry, "retry_on_timeout") ?? false),
        };

        if (provider == ModelTarget.OpenAi && (target.Endpoint is null || target.Model is null))
        {
            r.Report(map.Line, $"target '{name}': provider 'openai' needs 'endpoint' and 'model'");
        }

        if (provider == ModelTarget.Recorded && target.File is null)
        {
            r.Report(map.Line, $"target '{name}': provider 'recorded' needs 'file' (a recorded-outputs JSON Lines file)");
        }

        if (target.ApiKeyEnv is { } env && !env.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            r.Report(map.Get("api_key_env")!.Line, $"'api_key_env' must name an environment variable (letters, digits, '_'), not hold a key");
        }

        return target;
    }

    private static Uri? ReadEndpoint(NodeReader r, MappingNode map, string provider)
    {
        if (r.String(map, "endpoint") is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            r.Report(map.Get("endpoint")!.Line, $"'endpoint' \"{text}\" is not an http(s) URI");
            return null;
        }

        if (!uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal))
        {
            r.Report(map.Get("endpoint")!.Line, $"'endpoint' \"{text}\" must end in /v1 (the OpenAI-compatible base path)");
            return null;
        }

        return provider == ModelTarget.Recorded ? null : new Uri(uri.ToString().TrimEnd('/'));
    }

    private static string TokenLimitField(NodeReader r, MappingNode map)
    {
        var field = r.String(map, "token_limit_field");
        if (field is null or ModelTarget.MaxCompletionTokens or ModelTarget.MaxTokensField)
        {
            return field ?? ModelTarget.MaxCompletionTokens;
        }

        r.Report(map.Get("token_limit_field")!.Line, $"'token_limit_field' \"{field}\" is not known, expected {ModelTarget.MaxCompletionTokens} or {ModelTarget.MaxTokensField}");
        return ModelTarget.MaxCompletionTokens;
    }
}
