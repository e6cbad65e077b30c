using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// HaluEval QA (<c>halueval-qa/dev.jsonl</c>) as labelled outputs: the item holds the question, the
/// right answer as reference and the knowledge passage as context; the candidate is the answer.
/// </summary>
public static class HaluEvalReader
{
    public static IReadOnlyList<LabelledOutput> Read(string path, List<DatasetProblem>? problems = null)
    {
        var outputs = new List<LabelledOutput>();
        var found = problems ?? [];
        const string Expected = "expected a JSON object with \"id\", \"knowledge\", \"question\", \"answer\", \"right_answer\" (strings) and \"label\" (faithful or hallucinated)";
        foreach (var root in JsonLinesRecords.Read(path, Validate, Expected, found))
        {
            var id = root.GetProperty("id").GetString()!;
            var item = new GoldenItem
            {
                Id = id,
                Input = [new ChatMessage("user", root.GetProperty("question").GetString()!)],
                Reference = [root.GetProperty("right_answer").GetString()!],
                Context = [root.GetProperty("knowledge").GetString()!],
            };
            var group = id[..id.LastIndexOf('-')];
            outputs.Add(new LabelledOutput(group, item, root.GetProperty("answer").GetString()!, root.GetProperty("label").GetString() == "hallucinated", LabelledData.HaluEval));
        }

        return JsonLinesRecords.Finish(outputs, problems, found);
    }

    /// <summary>Reads every field, so a malformed record fails here with its line.</summary>
    private static void Validate(JsonElement root)
    {
        JsonLinesRecords.RequireStrings(root, "id", "knowledge", "question", "answer", "right_answer");

        if (root.GetProperty("label").GetString() is not ("faithful" or "hallucinated"))
        {
            throw new InvalidOperationException();
        }

        if (!root.GetProperty("id").GetString()!.Contains('-', StringComparison.Ordinal))
        {
            throw new InvalidOperationException();
        }
    }
}
