using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// HaluEval QA (<c>halueval-qa/dev.jsonl</c>) as labelled outputs: the item holds the question, the
/// right answer as reference and the knowledge passage as context; the candidate is the answer.
/// </summary>
public static class HaluEvalReader
{
    public static IReadOnlyList<LabelledOutput> Read(string path)
    {
        var outputs = new List<LabelledOutput>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var item = new GoldenItem
            {
                Id = id,
                Input = [new ChatMessage("user", root.GetProperty("question").GetString()!)],
                Reference = [root.GetProperty("right_answer").GetString()!],
                Context = [root.GetProperty("knowledge").GetString()!],
            };
            var group = id[..id.LastIndexOf('-')];
            outputs.Add(new LabelledOutput(group, item, root.GetProperty("answer").GetString()!, root.GetProperty("label").GetString() == "hallucinated"));
        }

        return outputs;
    }
}
