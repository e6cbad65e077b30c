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
}
