using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// The records of a JSON Lines file of public reference data, one per non-blank line. A line that is
/// not JSON, or that <c>validate</c> rejects, becomes <c>file:line: expected …</c> and the other
/// records are still read.
/// </summary>
internal static class JsonLinesRecords
{
    /// <param name="validate">Reads every field the caller needs, throwing on a missing or mistyped one.</param>
    /// <param name="expected">The problem's text: what a record should look like.</param>
    public static IEnumerable<JsonElement> Read(string path, Action<JsonElement> validate, string expected, List<DatasetProblem> problems)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonDocument? json = null;
            try
            {
                json = JsonDocument.Parse(line);
                validate(json.RootElement);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                json?.Dispose();
                problems.Add(new DatasetProblem(path, number, expected));
                continue;
            }

            // The element lives as long as its document: the caller uses it before asking for the next.
            using (json)
            {
                yield return json.RootElement;
            }
        }
    }

    /// <summary>Throws on a missing or non-string field (for a <c>validate</c> callback).</summary>
    public static void RequireStrings(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            _ = root.GetProperty(name).GetString() ?? throw new InvalidOperationException();
        }
    }

    /// <summary>The records read; when the caller gave no problem list, any problem throws with every <c>file:line</c>.</summary>
    public static IReadOnlyList<T> Finish<T>(List<T> records, List<DatasetProblem>? problems, List<DatasetProblem> found) =>
        problems is null && found.Count > 0 ? throw new InvalidDataException(string.Join("\n", found)) : records;
}
