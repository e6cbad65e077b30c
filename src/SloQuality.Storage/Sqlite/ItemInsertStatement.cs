using System.Text.Json;
using Microsoft.Data.Sqlite;
using SloQuality.Core.Evaluation;
using SQLitePCL;

namespace SloQuality.Storage.Sqlite;

/// <summary>
/// The item-result insert as one statement prepared for the writer's lifetime and bound by position
/// through SQLite's own API. This is the store's hot path: ADO.NET parameters look every name up and
/// box every value on each row, which cost more than the insert itself.
/// </summary>
internal sealed class ItemInsertStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    public ItemInsertStatement(SqliteConnection connection)
    {
        database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, ItemColumns.Insert('?'), out statement));
    }

    public void Insert(ItemResult r)
    {
        var s = statement;
        raw.sqlite3_bind_text(s, 1, r.RunId);
        raw.sqlite3_bind_text(s, 2, r.ItemId);
        raw.sqlite3_bind_int64(s, 3, r.RepeatIndex);
        raw.sqlite3_bind_text(s, 4, r.Output);
        Bind(s, 5, r.Correct);
        Bind(s, 6, r.CorrectnessScore);
        Bind(s, 7, r.Hallucinated);
        Bind(s, 8, r.HallucinationScore);
        Bind(s, 9, r.DriftSimilarity);
        Bind(s, 10, r.TtftMs);
        Bind(s, 11, r.TotalMs);
        if (r.GapsMs.Count == 0)
        {
            raw.sqlite3_bind_null(s, 12);
        }
        else
        {
            var bytes = r.GapsMs.Count <= 512 ? stackalloc byte[r.GapsMs.Count * 4] : new byte[r.GapsMs.Count * 4];
            GapCodec.Encode(r.GapsMs, bytes);
            raw.sqlite3_bind_blob(s, 12, bytes);
        }

        Bind(s, 13, r.PromptTokens);
        Bind(s, 14, r.OutputTokens);
        Bind(s, 15, r.FinishReason);
        Bind(s, 16, r.ErrorKind);
        Bind(s, 17, r.Error);
        raw.sqlite3_bind_int64(s, 18, r.Unavailable ? 1 : 0);
        raw.sqlite3_bind_int64(s, 19, r.Attempts);
        raw.sqlite3_bind_text(s, 20, JsonList(r.Reasons));
        raw.sqlite3_bind_text(s, 21, JsonList(r.UnsupportedClaims));
        raw.sqlite3_bind_text(s, 22, SqliteResultStore.Iso(r.CompletedAt));
        var step = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (step != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), step);
        }
    }

    public void Dispose() => statement.Dispose();

    // Most items pass with no reasons: skip the serializer for the common empty list.
    internal static string JsonList(IReadOnlyList<string> values) => values.Count == 0 ? "[]" : JsonSerializer.Serialize(values);

    private static void Bind(sqlite3_stmt s, int index, bool? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(s, index, v ? 1 : 0);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void Bind(sqlite3_stmt s, int index, double? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_double(s, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void Bind(sqlite3_stmt s, int index, int? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(s, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void Bind(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(s, index);
        }
        else
        {
            raw.sqlite3_bind_text(s, index, value);
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result);
        }
    }
}
