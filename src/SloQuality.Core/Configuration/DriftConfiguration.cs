using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Configuration;

/// <summary>
/// <c>drift.yaml</c> in the configuration folder: the embedding model (<c>embedding:</c>) and the drift
/// thresholds (<c>drift:</c>). Without the file the defaults apply (local MiniLM, documented thresholds).
/// </summary>
public static class DriftConfiguration
{
    public const string FileName = "drift.yaml";

    public static (EmbeddingSettings Embedding, DriftOptions Options, IReadOnlyList<DatasetProblem> Problems) Load(string configFolder)
    {
        var problems = new List<DatasetProblem>();
        var (reader, root) = ConfigurationFile.Open(configFolder, FileName, "'embedding:' and 'drift:'", problems);
        if (root is null)
        {
            return (new EmbeddingSettings(), new DriftOptions(), problems);
        }

        reader.RejectUnknown(root, string.Empty, "embedding", "drift");
        var embedding = ReadEmbedding(reader, reader.Mapping(root, "embedding"));
        var options = ReadOptions(reader, reader.Mapping(root, "drift"));
        return (embedding, options, problems);
    }

    private static EmbeddingSettings ReadEmbedding(NodeReader r, MappingNode? map)
    {
        if (map is null)
        {
            return new EmbeddingSettings();
        }

        r.RejectUnknown(map, "embedding.", "provider", "endpoint", "model", "api_key_env", "batch_size");
        var provider = r.String(map, "provider") ?? EmbeddingSettings.Local;
        if (provider is not (EmbeddingSettings.Local or EmbeddingSettings.OpenAi))
        {
            r.Report(map.Line, $"embedding.provider: unknown provider '{provider}', expected local or openai");
        }

        var endpoint = r.String(map, "endpoint");
        Uri? uri = null;
        if (provider == EmbeddingSettings.OpenAi)
        {
            if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || !uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal))
            {
                r.Report(map.Line, $"embedding.endpoint: expected an absolute URL ending in /v1 for provider openai, found '{endpoint}'");
            }

            if (r.String(map, "model") is null)
            {
                r.Report(map.Line, "embedding.model: required for provider openai (for example text-embedding-3-small)");
            }
        }

        return new EmbeddingSettings
        {
            Provider = provider,
            Endpoint = uri,
            Model = r.String(map, "model"),
            ApiKeyEnv = r.String(map, "api_key_env"),
            BatchSize = r.Integer(map, "batch_size", 1, 2048) ?? 64,
        };
    }

    private static DriftOptions ReadOptions(NodeReader r, MappingNode? map)
    {
        var d = new DriftOptions();
        if (map is null)
        {
            return d;
        }

        r.RejectUnknown(map, "drift.", "item_threshold", "minimum_mean_similarity", "alpha", "primary_share", "noise_margin", "centroid_threshold",
            "mmd_threshold", "classifier_auc_threshold", "permutations", "bootstrap_resamples", "classifier_null_rounds", "minimum_items", "seed");
        return d with
        {
            ItemThreshold = r.Number(map, "item_threshold", -1, 1) ?? d.ItemThreshold,
            MinimumMeanSimilarity = r.Number(map, "minimum_mean_similarity", -1, 1) ?? d.MinimumMeanSimilarity,
            Alpha = r.Number(map, "alpha", 1e-6, 0.5) ?? d.Alpha,
            PrimaryShare = r.Number(map, "primary_share", 0.01, 0.99) ?? d.PrimaryShare,
            NoiseMargin = r.Number(map, "noise_margin", 0, 2) ?? d.NoiseMargin,
            CentroidThreshold = r.Number(map, "centroid_threshold", 0, 2) ?? d.CentroidThreshold,
            MmdThreshold = r.Number(map, "mmd_threshold", 0, 4) ?? d.MmdThreshold,
            ClassifierAucThreshold = r.Number(map, "classifier_auc_threshold", 0.5, 1) ?? d.ClassifierAucThreshold,
            Permutations = r.Integer(map, "permutations", 99, 1_000_000) ?? d.Permutations,
            BootstrapResamples = r.Integer(map, "bootstrap_resamples", 200, 1_000_000) ?? d.BootstrapResamples,
            ClassifierNullRounds = r.Integer(map, "classifier_null_rounds", 0, 10_000) ?? d.ClassifierNullRounds,
            MinimumItems = r.Integer(map, "minimum_items", 2, 1_000_000) ?? d.MinimumItems,
            Seed = r.Integer(map, "seed") ?? d.Seed,
        };
    }
}
