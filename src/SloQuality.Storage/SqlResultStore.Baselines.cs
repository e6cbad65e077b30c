using System.Text.Json;
using Dapper;
using SloQuality.Core.Drift;

namespace SloQuality.Storage;

/// <summary>Baseline promotions, kept as a history; the latest per (model target, dataset) is current.</summary>
public abstract partial class SqlResultStore
{
    private const string BaselineColumns =
        "model_target AS ModelTarget, dataset_name AS DatasetName, promoted_at AS PromotedAt, run_id AS RunId, dataset_hash AS DatasetHash, promoted_by AS PromotedBy, noise_run_id AS NoiseRunId, noise_json AS NoiseJson";

    public async Task PromoteAsync(BaselineRecord baseline, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO baselines (model_target, dataset_name, promoted_at, run_id, dataset_hash, promoted_by, noise_run_id, noise_json)
            VALUES (@ModelTarget, @DatasetName, @PromotedAt, @RunId, @DatasetHash, @PromotedBy, @NoiseRunId, @NoiseJson)
            """,
            new
            {
                baseline.ModelTarget, baseline.DatasetName, PromotedAt = Iso(baseline.PromotedAt), baseline.RunId, baseline.DatasetHash,
                baseline.PromotedBy, baseline.NoiseRunId, NoiseJson = baseline.Noise is null ? null : JsonSerializer.Serialize(baseline.Noise),
            }).ConfigureAwait(false);
    }

    public async Task<BaselineRecord?> GetCurrentAsync(string modelTarget, string datasetName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<BaselineRow>(
            $"SELECT {BaselineColumns} FROM baselines WHERE model_target = @modelTarget AND dataset_name = @datasetName ORDER BY promoted_at DESC LIMIT 1",
            new { modelTarget, datasetName }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<BaselineRecord>> ListCurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BaselineRow>(
            $"""
            SELECT {BaselineColumns} FROM baselines b
            WHERE promoted_at = (SELECT MAX(promoted_at) FROM baselines l WHERE l.model_target = b.model_target AND l.dataset_name = b.dataset_name)
            ORDER BY model_target, dataset_name
            """).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed record BaselineRow(string ModelTarget, string DatasetName, string PromotedAt, string RunId, string DatasetHash, string? PromotedBy, string? NoiseRunId, string? NoiseJson)
    {
        public BaselineRecord ToRecord() => new(
            ModelTarget, DatasetName, RunId, DatasetHash, Parse(PromotedAt), PromotedBy, NoiseRunId,
            NoiseJson is null ? null : JsonSerializer.Deserialize<NoiseFloor>(NoiseJson));
    }
}
