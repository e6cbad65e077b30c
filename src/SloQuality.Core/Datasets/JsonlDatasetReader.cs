using System.Text.Json;
using SloQuality.Core.Text;

namespace SloQuality.Core.Datasets;

/// <summary>Reads a JSON Lines dataset: one item per line, blank lines ignored.</summary>
internal static class JsonlDatasetReader
{
    public static List<GoldenItem> Read(string path, byte[] bytes, List<DatasetProblem> problems)
    {
        var validator = new ItemValidator(path, problems);
        var items = new List<GoldenItem>();
        var lines = DatasetText.SplitLines(path, bytes, problems);
        var lastContentLine = lines.FindLastIndex(l => l is { } line && !string.IsNullOrWhiteSpace(line.Text));
        for (var index = 0; index < lines.Count; index++)
        {
            if (lines[index] is not { } line || string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line.Text, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                var truncated = index == lastContentLine && !line.Terminated;
                var where = e.BytePositionInLine is { } pos ? $" at column {pos + 1}" : string.Empty;
                problems.Add(new DatasetProblem(path, line.Number, truncated
                    ? $"truncated last line: the JSON object is not complete{where} (was the file cut off while being written?)"
                    : $"invalid JSON {JsonErrors.Describe(e)}, expected one JSON object per line"));
                continue;
            }

            using (document)
            {
                if (DataNodeJson.FromJson(document.RootElement, line.Number, out var problem) is not { } node)
                {
                    problems.Add(new DatasetProblem(path, line.Number, problem!));
                }
                else if (validator.Validate(node) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }
}
