using System.Data.Common;
using System.Text.Json;
using SloQuality.Core.Evaluation;

namespace SloQuality.Storage;

/// <summary>The item_results columns: the insert (first write wins) and the row reader.</summary>
internal static class ItemColumns
{
    private static readonly string[] Names =
    [
        "run_id", "item_id", "repeat_index", "output", "correct", "correctness_score", "hallucinated", "hallucination_score",
        "drift_similarity", "ttft_ms", "total_ms", "gaps_ms", "prompt_tokens", "output_tokens", "finish_reason", "error_kind",
        "error", "unavailable", "attempts", "reasons_json", "unsupported_json", "completed_at",
    ];

    public static readonly string Select = string.Join(", ", Names);

    // ON CONFLICT DO NOTHING: the first result of a (run, item, repeat) is the one that counts.
    // Positional placeholders in column order: ?1.. for SQLite's own API, $1.. for PostgreSQL.
    public static string Insert(char placeholder) =>
        $"INSERT INTO item_results ({Select}) VALUES ({string.Join(", ", Names.Select((_, i) => placeholder + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))}) ON CONFLICT DO NOTHING";

    public static int Count => Names.Length;

    public static ItemResult Read(DbDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        ItemId = reader.GetString(1),
        RepeatIndex = (int)reader.GetInt64(2),
        Output = reader.GetString(3),
        Correct = reader.IsDBNull(4) ? null : reader.GetInt64(4) != 0,
        CorrectnessScore = NullableDouble(reader, 5),
        Hallucinated = reader.IsDBNull(6) ? null : reader.GetInt64(6) != 0,
        HallucinationScore = NullableDouble(reader, 7),
        DriftSimilarity = NullableDouble(reader, 8),
        TtftMs = NullableDouble(reader, 9),
        TotalMs = NullableDouble(reader, 10),
        GapsMs = GapCodec.Decode(reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11)),
        PromptTokens = reader.IsDBNull(12) ? null : (int)reader.GetInt64(12),
        OutputTokens = reader.IsDBNull(13) ? null : (int)reader.GetInt64(13),
        FinishReason = reader.IsDBNull(14) ? null : reader.GetString(14),
        ErrorKind = reader.IsDBNull(15) ? null : reader.GetString(15),
        Error = reader.IsDBNull(16) ? null : reader.GetString(16),
        Unavailable = reader.GetInt64(17) != 0,
        Attempts = (int)reader.GetInt64(18),
        Reasons = ParseList(reader.GetString(19)),
        UnsupportedClaims = ParseList(reader.GetString(20)),
        CompletedAt = SqlResultStore.Parse(reader.GetString(21)),
    };

    internal static IReadOnlyList<string> ParseList(string json) => json == "[]" ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static double? NullableDouble(DbDataReader reader, int index) => reader.IsDBNull(index) ? null : reader.GetDouble(index);
}
