using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// Reads labelled outputs from a JSON Lines file in any of the formats the detector trains on, told
/// apart by the first record: TruthfulQA (<c>correct_answers</c>), HaluEval QA (<c>knowledge</c>), or
/// our own: <c>{"id", "question", "reference": [...], "context": [...], "incorrect": [...],
/// "answerable", "output", "hallucinated"}</c>. A bad record is reported as <c>file:line: problem</c>
/// and skipped; the others are read.
/// </summary>
public static class LabelledData
{
    public const string TruthfulQa = "truthfulqa";
    public const string HaluEval = "halueval";
    public const string Labelled = "labelled";
    public const string Begin = "begin";

    /// <summary>Which of the formats a file holds, by its first record.</summary>
    public static string FormatOf(string path)
    {
        var first = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0) ?? string.Empty : string.Empty;
        return first.Contains("\"correct_answers\"", StringComparison.Ordinal) ? TruthfulQa
            : first.Contains("\"knowledge\"", StringComparison.Ordinal) && first.Contains("\"response\"", StringComparison.Ordinal) ? Begin
            : first.Contains("\"knowledge\"", StringComparison.Ordinal) ? HaluEval
            : Labelled;
    }

    public static (IReadOnlyList<LabelledOutput> Outputs, IReadOnlyList<DatasetProblem> Problems) Read(string path, int seed = 17)
    {
        var problems = new List<DatasetProblem>();
        if (!File.Exists(path))
        {
            problems.Add(new DatasetProblem(path, 0, "the file does not exist"));
            return ([], problems);
        }

        switch (FormatOf(path))
        {
            case TruthfulQa:
                return (TruthfulQaReader.Read(path, seed, problems: problems), problems);
            case HaluEval:
                return (HaluEvalReader.Read(path, problems), problems);
            case Begin:
                return (BeginReader.Read(path, problems), problems);
        }

        var outputs = new List<LabelledOutput>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                List<string> List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
                var (id, question, output) = (Text("id"), Text("question"), Text("output"));
                if (id is null || question is null || output is null || !root.TryGetProperty("hallucinated", out var label) || label.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(new DatasetProblem(path, number, "expected \"id\", \"question\" and \"output\" (strings) and \"hallucinated\" (true or false)"));
                    continue;
                }

                var item = new GoldenItem
                {
                    Id = id,
                    Input = [new ChatMessage("user", question)],
                    Reference = List("reference"),
                    Context = List("context"),
                    Incorrect = List("incorrect"),
                    Answerable = !root.TryGetProperty("answerable", out var a) || a.ValueKind != JsonValueKind.False,
                    Line = number,
                };
                outputs.Add(new LabelledOutput(id, item, output, label.GetBoolean(), Labelled));
            }
            catch (JsonException e)
            {
                problems.Add(new DatasetProblem(path, number, $"not valid JSON ({e.Message.Split('.')[0]}), expected one labelled output per line"));
            }
        }

        return (outputs, problems);
    }
}
