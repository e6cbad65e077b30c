using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// BEGIN (<c>begin/dev.jsonl</c>): responses of knowledge-grounded dialogue systems labelled by people.
/// The golden item is the previous turn as input and the knowledge passage as context, with no
/// reference; the candidate is the response. Responses labelled <c>generic</c> claim nothing and are
/// left out (<paramref name="generic"/> receives them, for a check that they are not flagged). The group
/// is the passage, so one passage's responses never sit on both sides of a fold; the source is
/// <c>begin-wow</c>, <c>begin-cmu</c> or <c>begin-tc</c>.
/// </summary>
public static class BeginReader
{
    public static IReadOnlyList<LabelledOutput> Read(string path, List<DatasetProblem>? problems = null, List<LabelledOutput>? generic = null)
    {
        var outputs = new List<LabelledOutput>();
        var found = problems ?? [];
        const string Expected = "expected a JSON object with \"id\", \"source\", \"knowledge\", \"message\", \"response\" (strings) and \"label\" (faithful, hallucinated or generic)";
        foreach (var root in JsonLinesRecords.Read(path, Validate, Expected, found))
        {
            var knowledge = root.GetProperty("knowledge").GetString()!;
            var item = new GoldenItem
            {
                Id = root.GetProperty("id").GetString()!,
                Input = [new ChatMessage("user", root.GetProperty("message").GetString()!)],
                Context = [knowledge],
            };
            var label = root.GetProperty("label").GetString();
            var group = "begin-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(knowledge)))[..12];
            var output = new LabelledOutput(group, item, root.GetProperty("response").GetString()!, label == "hallucinated", "begin-" + root.GetProperty("source").GetString());
            (label == "generic" ? generic ?? [] : outputs).Add(output);
        }

        return JsonLinesRecords.Finish(outputs, problems, found);
    }

    private static void Validate(JsonElement root)
    {
        JsonLinesRecords.RequireStrings(root, "id", "source", "knowledge", "message", "response");

        if (root.GetProperty("label").GetString() is not ("faithful" or "hallucinated" or "generic"))
        {
            throw new InvalidOperationException();
        }
    }
}
