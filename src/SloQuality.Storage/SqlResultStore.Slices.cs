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
            "INSERT INTO slo_slices (run_id, slice_start, model_target, dataset_name, tags, origin, data) VALUES (@RunId, @Start, @ModelTarget, @DatasetName, @Tags, @Origin, @Data)",
            slices.Select(s => new { s.RunId, Start = Iso(s.SliceStart), s.ModelTarget, s.DatasetName, s.Tags, s.Origin, Data = SliceCodec.Encode(s) }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SliceAggregate>> ReadSlicesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var slices = new List<SliceAggregate>();
        await using (var reader = await connection.ExecuteReaderAsync(
            "SELECT run_id, slice_start, model_target, dataset_name, tags, data, origin FROM slo_slices WHERE slice_start >= @From AND slice_start < @To ORDER BY slice_start",
            new { From = Iso(from), To = Iso(to) }).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                slices.Add(SliceCodec.Decode((byte[])reader[5], reader.GetString(0), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(1)), reader.GetString(4), origin: reader.GetString(6)));
            }
        }

        await using var imported = await connection.ExecuteReaderAsync(
            "SELECT source, model_target, slice_start, data FROM imported_slices WHERE slice_start >= @From AND slice_start < @To ORDER BY slice_start",
            new { From = Iso(from), To = Iso(to) }).ConfigureAwait(false);
        while (await imported.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (source, target) = (imported.GetString(0), imported.GetString(1));
            slices.Add(SliceCodec.Decode((byte[])imported[3], $"{source}:{target}", target, string.Empty, Parse(imported.GetString(2)), source: source));
        }

        return slices;
    }

    /// <summary>
    /// Stores slices imported from production, replacing any earlier import of the same source, target
    /// and five minutes: an import that runs again (or overlaps the last one) counts nothing twice.
    /// </summary>
    public async Task WriteImportedSlicesAsync(IReadOnlyList<SliceAggregate> slices, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var now = Iso(DateTimeOffset.UtcNow);
        await connection.ExecuteAsync(
            """
            INSERT INTO imported_slices (source, model_target, slice_start, imported_at, data) VALUES (@Source, @ModelTarget, @Start, @Now, @Data)
            ON CONFLICT (source, model_target, slice_start) DO UPDATE SET imported_at = excluded.imported_at, data = excluded.data
            """,
            slices.Select(s => new { s.Source, s.ModelTarget, Start = Iso(s.SliceStart), Now = now, Data = SliceCodec.Encode(s) }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> FirstSliceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var first = await connection.QuerySingleOrDefaultAsync<string?>("SELECT MIN(first) FROM (SELECT MIN(slice_start) AS first FROM slo_slices UNION ALL SELECT MIN(slice_start) FROM imported_slices) AS firsts").ConfigureAwait(false);
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
