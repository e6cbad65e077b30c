using Dapper;
using SloQuality.Core.Drift;
using SloQuality.Core.Retention;

namespace SloQuality.Storage;

/// <summary>
/// Retention: the item-level history of old runs goes, what SLO history, drift and the hallucination
/// correction read stays. One transaction, so a prune that fails half-way deletes nothing.
/// </summary>
public abstract partial class SqlResultStore : IRetentionStore
{
    // Finished runs started before the cutoff that no baseline names (as its run or its noise run).
    private const string PrunableRuns = """
        SELECT r.run_id FROM runs r
        WHERE r.started_at < @Before AND r.status <> 'running'
          AND NOT EXISTS (SELECT 1 FROM baselines b WHERE b.run_id = r.run_id OR b.noise_run_id = r.run_id)
        """;

    public async Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var parameters = new { Before = Iso(before) };
        var pruned = (await connection.QueryAsync<string>(PrunableRuns, parameters, transaction).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var kept = (await connection.QueryAsync<string>(
            "SELECT run_id FROM baselines UNION SELECT noise_run_id FROM baselines WHERE noise_run_id IS NOT NULL", transaction: transaction).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);

        // A labelled output stays: the corrected hallucination rate reads its text and the detector's verdict.
        var items = await connection.ExecuteAsync(
            $"""
            DELETE FROM item_results
            WHERE run_id IN ({PrunableRuns})
              AND NOT EXISTS (SELECT 1 FROM review_labels l
                              WHERE l.run_id = item_results.run_id AND l.item_id = item_results.item_id AND l.repeat_index = item_results.repeat_index)
            """, parameters, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync($"DELETE FROM run_chunks WHERE run_id IN ({PrunableRuns})", parameters, transaction).ConfigureAwait(false);
        var plans = await connection.ExecuteAsync($"DELETE FROM run_plans WHERE run_id IN ({PrunableRuns})", parameters, transaction).ConfigureAwait(false);

        // Embeddings are keyed by the hash of their text: the baselines' outputs are hashed here, as the cache hashes them.
        var baselineOutputs = await connection.QueryAsync<string>(
            "SELECT DISTINCT i.output FROM item_results i WHERE i.run_id IN (SELECT run_id FROM baselines UNION SELECT noise_run_id FROM baselines WHERE noise_run_id IS NOT NULL)",
            transaction: transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DROP TABLE IF EXISTS kept_hashes", transaction: transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("CREATE TEMP TABLE kept_hashes (text_hash TEXT PRIMARY KEY)", transaction: transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO kept_hashes (text_hash) VALUES (@Hash) ON CONFLICT DO NOTHING",
            baselineOutputs.Select(o => new { Hash = EmbeddingCache.Hash(o) }), transaction).ConfigureAwait(false);
        var embeddings = await connection.ExecuteAsync(
            "DELETE FROM embeddings WHERE created_at < @Before AND text_hash NOT IN (SELECT text_hash FROM kept_hashes)", parameters, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DROP TABLE kept_hashes", transaction: transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PruneResult(items, embeddings, plans, pruned, kept);
    }
}
