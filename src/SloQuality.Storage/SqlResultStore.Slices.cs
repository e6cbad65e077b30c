using Dapper;
using SloQuality.Core.Slo;

namespace SloQuality.Storage;

/// <summary>SLO slices (five minutes of one run, encoded) and computed SLO evaluations.</summary>
public abstract partial class SqlResultStore
{
    public async Task WriteSlicesAsync(string runId, IReadOnlyList<SliceAggregate> slices, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync("DELETE FROM slo_slices WHERE run_id = @runId", new { runId }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO slo_slices (run_id, slice_start, model_target, dataset_name, tags, data) VALUES (@RunId, @Start, @ModelTarget, @DatasetName, @Tags, @Data)",
            slices.Select(s => new { s.RunId, Start = Iso(s.SliceStart), s.ModelTarget, s.DatasetName, s.Tags, Data = SliceCodec.Encode(s) }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SliceAggregate>> ReadSlicesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var slices = new List<SliceAggregate>();
        await using var reader = await connection.ExecuteReaderAsync(
            "SELECT run_id, slice_start, model_target, dataset_name, tags, data FROM slo_slices WHERE slice_start >= @From AND slice_start < @To ORDER BY slice_start",
            new { From = Iso(from), To = Iso(to) }).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            slices.Add(SliceCodec.Decode((byte[])reader[5], reader.GetString(0), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(1)), reader.GetString(4)));
        }

        return slices;
    }

    public async Task<DateTimeOffset?> FirstSliceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var first = await connection.QuerySingleOrDefaultAsync<string?>("SELECT MIN(slice_start) FROM slo_slices").ConfigureAwait(false);
        return first is null ? null : Parse(first);
    }

    public async Task SaveEvaluationAsync(SloEvaluation evaluation, string json, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO slo_evaluations (slo_name, model_target, window_start, window_end, complete, evaluated_at, evaluation_json)
            VALUES (@Slo, @ModelTarget, @Start, @End, @Complete, @EvaluatedAt, @Json)
            ON CONFLICT (slo_name, model_target, window_start) DO UPDATE SET
                window_end = excluded.window_end, complete = excluded.complete, evaluated_at = excluded.evaluated_at, evaluation_json = excluded.evaluation_json
            """,
            new
            {
                evaluation.Slo, evaluation.ModelTarget, Start = Iso(evaluation.WindowStart), End = Iso(evaluation.WindowEnd),
                Complete = evaluation.Complete ? 1 : 0, EvaluatedAt = Iso(evaluation.EvaluatedAt), Json = json,
            }).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<DateTimeOffset>> CompleteEvaluationsAsync(string sloName, string modelTarget, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            "SELECT window_start FROM slo_evaluations WHERE slo_name = @sloName AND model_target = @modelTarget AND complete = 1",
            new { sloName, modelTarget }).ConfigureAwait(false);
        return rows.Select(Parse).ToHashSet();
    }

    public async Task<IReadOnlyList<string>> EvaluationsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            "SELECT evaluation_json FROM slo_evaluations WHERE window_end > @From AND window_end <= @To ORDER BY window_end, slo_name, model_target",
            new { From = Iso(from), To = Iso(to) }).ConfigureAwait(false);
        return rows.ToList();
    }
}
