using Dapper;
using SloQuality.Core.Hallucination.Correction;
using SloQuality.Core.Review;

namespace SloQuality.Storage;

/// <summary>Human review labels, beside the item results they judge.</summary>
public abstract partial class SqlResultStore : IReviewStore
{
    public async Task SaveReviewLabelsAsync(IReadOnlyList<ReviewLabel> labels, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var now = Iso(DateTimeOffset.UtcNow);
        await connection.ExecuteAsync(
            """
            INSERT INTO review_labels (run_id, item_id, repeat_index, hallucinated, reviewer, note, imported_at)
            VALUES (@RunId, @ItemId, @Repeat, @Hallucinated, @Reviewer, @Note, @Now)
            ON CONFLICT (run_id, item_id, repeat_index) DO UPDATE SET
                hallucinated = excluded.hallucinated, reviewer = excluded.reviewer, note = excluded.note, imported_at = excluded.imported_at
            """,
            labels.Select(l => new { l.RunId, l.ItemId, l.Repeat, Hallucinated = l.Hallucinated ? 1 : 0, l.Reviewer, l.Note, Now = now }),
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(ReviewLabel Label, bool? Detector)>> ReviewedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string RunId, string ItemId, long Repeat, long Hallucinated, string? Reviewer, string? Note, long? Detector)>(
            """
            SELECT l.run_id, l.item_id, l.repeat_index, l.hallucinated, l.reviewer, l.note, i.hallucinated
            FROM review_labels l
            JOIN runs r ON r.run_id = l.run_id
            LEFT JOIN item_results i ON i.run_id = l.run_id AND i.item_id = l.item_id AND i.repeat_index = l.repeat_index
            WHERE r.started_at >= @From AND r.started_at < @To
            ORDER BY l.run_id, l.item_id, l.repeat_index
            """,
            new { From = Iso(from), To = Iso(to) }).ConfigureAwait(false);
        return rows.Select(r => (new ReviewLabel(r.RunId, r.ItemId, (int)r.Repeat, r.Hallucinated == 1, r.Reviewer, r.Note), r.Detector is null ? (bool?)null : r.Detector == 1)).ToList();
    }

    public async Task<IReadOnlyList<HumanLabel>> LabelsAsync(string datasetName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string ItemId, string Output, double Score, long? Flagged, long Hallucinated, string StartedAt)>(
            """
            SELECT l.item_id, i.output, i.hallucination_score, i.hallucinated, l.hallucinated, r.started_at
            FROM review_labels l
            JOIN runs r ON r.run_id = l.run_id
            JOIN item_results i ON i.run_id = l.run_id AND i.item_id = l.item_id AND i.repeat_index = l.repeat_index
            WHERE r.dataset_name = @Dataset AND r.started_at >= @From AND r.started_at < @To AND i.hallucination_score IS NOT NULL
            ORDER BY l.run_id, l.item_id, l.repeat_index
            """,
            new { Dataset = datasetName, From = Iso(from), To = Iso(to) }).ConfigureAwait(false);
        return rows.Select(r => new HumanLabel(r.ItemId, r.Output, r.Score, r.Flagged == 1, r.Hallucinated == 1, Parse(r.StartedAt))).ToList();
    }
}
