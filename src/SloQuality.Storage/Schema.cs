namespace SloQuality.Storage;

/// <summary>
/// The result store's schema as ordered migrations. The SQL is the common subset of SQLite and
/// PostgreSQL (TEXT timestamps in ISO 8601, <c>ON CONFLICT DO NOTHING</c>), so one set serves both;
/// <see cref="For"/> names the types PostgreSQL spells differently.
/// A migration is applied once and never edited: a change is a new version.
/// </summary>
public static partial class Schema
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(INTEGER|REAL|BLOB)\b")]
    private static partial System.Text.RegularExpressions.Regex Types();

    /// <summary>
    /// The migration for a dialect: for PostgreSQL, 64-bit integers (SQLite's INTEGER is 64-bit, and
    /// both then read back as long), double precision (PostgreSQL's REAL is 32-bit) and bytea.
    /// </summary>
    public static string For(string sql, SqlDialect dialect) => dialect == SqlDialect.Sqlite
        ? sql
        : Types().Replace(sql, m => m.Value switch { "INTEGER" => "BIGINT", "REAL" => "DOUBLE PRECISION", _ => "BYTEA" });

    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> Migrations =
    [
        (1, "datasets, runs, item results", """
            CREATE TABLE datasets (
                name TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                path TEXT NOT NULL,
                item_count INTEGER NOT NULL,
                first_seen_at TEXT NOT NULL,
                PRIMARY KEY (name, content_hash)
            );
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                dataset_name TEXT NOT NULL,
                dataset_hash TEXT NOT NULL,
                model_target TEXT NOT NULL,
                planned_items INTEGER NOT NULL,
                repeat_count INTEGER NOT NULL,
                status TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NULL,
                summary_json TEXT NULL
            );
            CREATE INDEX runs_by_target ON runs (model_target, dataset_name, started_at);
            CREATE TABLE item_results (
                run_id TEXT NOT NULL REFERENCES runs (run_id),
                item_id TEXT NOT NULL,
                repeat_index INTEGER NOT NULL,
                output TEXT NOT NULL,
                correct INTEGER NULL,
                correctness_score REAL NULL,
                hallucinated INTEGER NULL,
                hallucination_score REAL NULL,
                drift_similarity REAL NULL,
                ttft_ms REAL NULL,
                total_ms REAL NULL,
                gaps_ms BLOB NULL,
                prompt_tokens INTEGER NULL,
                output_tokens INTEGER NULL,
                finish_reason TEXT NULL,
                error_kind TEXT NULL,
                error TEXT NULL,
                unavailable INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                reasons_json TEXT NOT NULL,
                unsupported_json TEXT NOT NULL,
                completed_at TEXT NOT NULL,
                PRIMARY KEY (run_id, item_id, repeat_index)
            );
            """),
        (2, "output embeddings, baselines", """
            CREATE TABLE embeddings (
                model TEXT NOT NULL,
                text_hash TEXT NOT NULL,
                dimensions INTEGER NOT NULL,
                vector BLOB NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (model, text_hash)
            );
            CREATE TABLE baselines (
                model_target TEXT NOT NULL,
                dataset_name TEXT NOT NULL,
                promoted_at TEXT NOT NULL,
                run_id TEXT NOT NULL REFERENCES runs (run_id),
                dataset_hash TEXT NOT NULL,
                promoted_by TEXT NULL,
                noise_run_id TEXT NULL,
                noise_json TEXT NULL,
                PRIMARY KEY (model_target, dataset_name, promoted_at)
            );
            """),
        (3, "SLO slices and evaluations", """
            CREATE TABLE slo_slices (
                run_id TEXT NOT NULL REFERENCES runs (run_id),
                slice_start TEXT NOT NULL,
                model_target TEXT NOT NULL,
                dataset_name TEXT NOT NULL,
                tags TEXT NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (run_id, slice_start, tags)
            );
            CREATE INDEX slo_slices_by_time ON slo_slices (slice_start);
            CREATE TABLE slo_evaluations (
                slo_name TEXT NOT NULL,
                model_target TEXT NOT NULL,
                window_start TEXT NOT NULL,
                window_end TEXT NOT NULL,
                complete INTEGER NOT NULL,
                evaluated_at TEXT NOT NULL,
                evaluation_json TEXT NOT NULL,
                PRIMARY KEY (slo_name, model_target, window_start)
            );
            CREATE INDEX slo_evaluations_by_end ON slo_evaluations (window_end);
            """),
        (4, "run plans and chunk fan-in", """
            CREATE TABLE run_plans (
                run_id TEXT PRIMARY KEY REFERENCES runs (run_id),
                dataset_path TEXT NOT NULL,
                dataset_bytes BLOB NOT NULL,
                chunk_size INTEGER NOT NULL,
                chunks_total INTEGER NOT NULL,
                chunks_done INTEGER NOT NULL,
                finalization_claimed_at TEXT NULL
            );
            CREATE TABLE run_chunks (
                run_id TEXT NOT NULL REFERENCES run_plans (run_id),
                chunk_index INTEGER NOT NULL,
                completed_at TEXT NOT NULL,
                PRIMARY KEY (run_id, chunk_index)
            );
            """),
        (5, "slices imported from production (Prometheus)", """
            CREATE TABLE imported_slices (
                source TEXT NOT NULL,
                model_target TEXT NOT NULL,
                slice_start TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (source, model_target, slice_start)
            );
            CREATE INDEX imported_slices_by_time ON imported_slices (slice_start);
            CREATE TABLE notification_state (
                state_key TEXT PRIMARY KEY,
                state_value TEXT NOT NULL,
                changed_at TEXT NOT NULL
            );
            """),
        (6, "LLM judge responses and human review labels", """
            CREATE TABLE judge_cache (
                judge_model TEXT NOT NULL,
                prompt_hash TEXT NOT NULL,
                response TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (judge_model, prompt_hash)
            );
            CREATE TABLE review_labels (
                run_id TEXT NOT NULL,
                item_id TEXT NOT NULL,
                repeat_index INTEGER NOT NULL,
                hallucinated INTEGER NOT NULL,
                reviewer TEXT NULL,
                note TEXT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (run_id, item_id, repeat_index)
            );
            """),
        (7, "model-release sign-offs", """
            CREATE TABLE signoffs (
                signoff_id TEXT PRIMARY KEY,
                signed_at TEXT NOT NULL,
                candidate TEXT NOT NULL,
                baseline TEXT NOT NULL,
                verdict TEXT NOT NULL,
                approver TEXT NULL,
                record_json TEXT NOT NULL
            );
            CREATE INDEX signoffs_by_time ON signoffs (signed_at);
            """),
        (8, "run leases: one process evaluates a run at a time", """
            CREATE TABLE run_leases (
                run_id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            """),
        // Runs stored before origins were recorded count as scheduled, except the candidates that a
        // stored sign-off names (its record is indented JSON, so the key and value are written alike
        // by every version): a candidate must not page anyone.
        (9, "run origins: SLOs count production's runs, not a sign-off's", """
            ALTER TABLE runs ADD COLUMN origin TEXT NOT NULL DEFAULT 'schedule';
            ALTER TABLE slo_slices ADD COLUMN origin TEXT NOT NULL DEFAULT 'schedule';
            UPDATE runs SET origin = 'signoff'
                WHERE EXISTS (SELECT 1 FROM signoffs s WHERE s.record_json LIKE '%"candidate_run_id": "' || runs.run_id || '"%');
            UPDATE slo_slices SET origin = 'signoff'
                WHERE EXISTS (SELECT 1 FROM runs r WHERE r.run_id = slo_slices.run_id AND r.origin = 'signoff');
            """),
    ];
}
