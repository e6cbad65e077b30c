using System.Text.Json;
using SloQuality.Core.Datasets;
using SloQuality.Core.Replay;
using SloQuality.Core.Text;

namespace SloQuality.Inference.Recorded;

/// <summary>
/// A recorded-outputs file (contract 2): JSON Lines of <c>{"id", "output"}</c> with optional
/// <c>ttft_ms</c>, <c>total_ms</c>, <c>output_tokens</c>, <c>error</c>. Every problem is reported
/// as <c>path:line: message</c>.
/// </summary>
public static class RecordedOutputs
{
    private static readonly string[] Fields = ["id", "output", "ttft_ms", "total_ms", "output_tokens", "error", "finish_reason"];

    public static (IReadOnlyDictionary<string, ReplayResult> Outputs, IReadOnlyList<DatasetProblem> Problems) Load(string path)
    {
        var problems = new List<DatasetProblem>();
        var outputs = new Dictionary<string, ReplayResult>(StringComparer.Ordinal);
        // The same file checks as datasets (no FIFO or device is opened, a size limit), then the same
        // byte-level checks: logged production answers are often not clean UTF-8.
        if (GoldenDatasetLoader.ReadBytes(path, DatasetLimits.Default, problems) is not { } bytes)
        {
            return (outputs, problems);
        }

        var lines = DatasetText.SplitLines(path, bytes, problems);
        foreach (var entry in lines)
        {
            if (entry is not { } line || string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line.Text);
                if (Read(path, line.Number, document.RootElement, problems) is { } output)
                {
                    if (!outputs.TryAdd(output.Id, output.Result))
                    {
                        problems.Add(new DatasetProblem(path, line.Number, $"duplicate id '{output.Id}'"));
                    }
                }
            }
            catch (JsonException e)
            {
                problems.Add(new DatasetProblem(path, line.Number, $"invalid JSON {JsonErrors.Describe(e)}, expected one JSON object per line"));
            }
        }

        if (lines.Count == 0 || lines.TrueForAll(l => l is { } line && string.IsNullOrWhiteSpace(line.Text)))
        {
            problems.Add(new DatasetProblem(path, 1, "the file is empty: expected one recorded output per line"));
        }

        return (outputs, problems);
    }

    private static (string Id, ReplayResult Result)? Read(string path, int line, JsonElement root, List<DatasetProblem> problems)
    {
        var before = problems.Count;
        void Report(string message) => problems.Add(new DatasetProblem(path, line, message));
        if (root.ValueKind != JsonValueKind.Object)
        {
            Report($"a recorded output must be an object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        foreach (var property in root.EnumerateObject().Where(p => Array.IndexOf(Fields, p.Name) < 0))
        {
            Report($"unknown field '{property.Name}', expected one of: {string.Join(", ", Fields)}");
        }

        var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            Report("'id' must be a non-empty string (the golden item's id)");
        }

        var error = OptionalString(root, "error", Report);
        string? output = null;
        if (root.TryGetProperty("output", out var outputValue) && outputValue.ValueKind == JsonValueKind.String)
        {
            output = outputValue.GetString();
        }
        else if (error is null)
        {
            Report("'output' must be a string (or give 'error' for a failed call)");
        }

        var result = new ReplayResult
        {
            Output = output ?? string.Empty,
            TtftMs = OptionalNumber(root, "ttft_ms", Report),
            TotalMs = OptionalNumber(root, "total_ms", Report),
            OutputTokens = OptionalNumber(root, "output_tokens", Report) is { } tokens ? (int)tokens : null,
            FinishReason = OptionalString(root, "finish_reason", Report),
            Failure = error is null ? null : ParseFailure(error),
        };
        return problems.Count == before ? (id!, result) : null;
    }

    /// <summary>An error recorded by SloQuality starts with its kind ("timeout: ..."); others are kept as they are.</summary>
    private static ReplayFailure ParseFailure(string error)
    {
        var kind = Enum.GetValues<FailureKind>().FirstOrDefault(k => error.StartsWith(ReplayFailure.KindName(k), StringComparison.Ordinal), FailureKind.Other);
        return new ReplayFailure(kind, error);
    }

    private static double? OptionalNumber(JsonElement root, string name, Action<string> report)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0)
        {
            return value.GetDouble();
        }

        report($"'{name}' must be a number of 0 or more, found {value.GetRawText()}");
        return null;
    }

    private static string? OptionalString(JsonElement root, string name, Action<string> report)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        report($"'{name}' must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}");
        return null;
    }
}
