using Dapper;
using SloQuality.Core.Evaluation;

namespace SloQuality.Storage;

/// <summary>
/// Run plans and chunk completions: the fan-in counter. A chunk's row is inserted once (first report
/// wins) and only that insert moves the counter, in one transaction, so retries never count twice and
/// exactly one completion sees the last chunk land.
/// </summary>
public abstract partial class SqlResultStore : IRunChunkStore
{
    public async Task PlanAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO run_plans (run_id, dataset_path, dataset_bytes, chunk_size, chunks_total, chunks_done)
            VALUES (@RunId, @DatasetPath, @DatasetBytes, @ChunkSize, @Chunks, 0) ON CONFLICT DO NOTHING
            """,
            plan).ConfigureAwait(false);
    }

    public async Task<RunPlan?> GetPlanAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Path, byte[] Bytes, long Size, long Chunks)>(
            "SELECT dataset_path, dataset_bytes, chunk_size, chunks_total FROM run_plans WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
        return row.Path is null ? null : new RunPlan(runId, row.Path, row.Bytes, (int)row.Size, (int)row.Chunks);
    }

    public async Task<ChunkProgress> CompleteChunkAsync(string runId, int chunk, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO run_chunks (run_id, chunk_index, completed_at) VALUES (@runId, @chunk, @now) ON CONFLICT DO NOTHING",
            new { runId, chunk, now = Iso(DateTimeOffset.UtcNow) },
            transaction).ConfigureAwait(false);
        if (inserted == 1)
        {
            await connection.ExecuteAsync("UPDATE run_plans SET chunks_done = chunks_done + 1 WHERE run_id = @runId", new { runId }, transaction).ConfigureAwait(false);
        }

        var (done, total) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT chunks_done, chunks_total FROM run_plans WHERE run_id = @runId", new { runId }, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ChunkProgress((int)done, (int)total);
    }

    public async Task<ChunkProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(long Done, long Total)?>(
            "SELECT chunks_done, chunks_total FROM run_plans WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
        return row is { } r ? new ChunkProgress((int)r.Done, (int)r.Total) : null;
    }

    public async Task<bool> ClaimFinalizationAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await connection.ExecuteAsync(
            "UPDATE run_plans SET finalization_claimed_at = @now WHERE run_id = @runId AND finalization_claimed_at IS NULL AND chunks_done >= chunks_total",
            new { runId, now = Iso(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
        return claimed == 1;
    }

    public async Task<IReadOnlyList<string>> StalledRunsAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            """
            SELECT p.run_id FROM run_plans p JOIN runs r ON r.run_id = p.run_id
            WHERE r.status = @Running AND p.chunks_done >= p.chunks_total
              AND (p.finalization_claimed_at IS NULL OR p.finalization_claimed_at < @before)
            """,
            new { RunRecord.Running, before = Iso(claimedBefore) }).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<IReadOnlySet<int>> GetCompletedChunksAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<long>("SELECT chunk_index FROM run_chunks WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
        return rows.Select(r => (int)r).ToHashSet();
    }

    public async Task<IReadOnlyList<string>> PlannedRunningRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            "SELECT p.run_id FROM run_plans p JOIN runs r ON r.run_id = p.run_id WHERE r.status = @Running ORDER BY p.run_id",
            new { RunRecord.Running }).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task ReleaseFinalizationAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE run_plans SET finalization_claimed_at = NULL WHERE run_id = @runId", new { runId }).ConfigureAwait(false);
    }
}
