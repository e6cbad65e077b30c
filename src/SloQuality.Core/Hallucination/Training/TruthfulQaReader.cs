using System.Text.Json;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// TruthfulQA (<c>truthfulqa/dev.jsonl</c>) as labelled outputs by the leak-free protocol of the shared
/// datasets' README: every correct answer (faithful) and every incorrect answer (hallucinated) is a
/// candidate; its item holds the question, the correct answers as references and the incorrect ones as
/// counter-evidence, with the candidate taken out of its own list, one random answer taken out of the
/// other, and the longer list cut at random to the shorter's length (so list lengths say nothing).
/// <paramref name="swapped"/> makes the golden set assert the misconceptions instead: references and
/// counter-evidence trade places and so do the labels.
/// </summary>
public static class TruthfulQaReader
{
    public static IReadOnlyList<LabelledOutput> Read(string path, int seed = 17, bool swapped = false, List<DatasetProblem>? problems = null)
    {
        var random = new Random(seed);
        var outputs = new List<LabelledOutput>();
        var found = problems ?? [];
        const string Expected = "expected a JSON object with \"id\", \"question\" (strings), \"correct_answers\" and \"incorrect_answers\" (lists of strings)";
        foreach (var root in JsonLinesRecords.Read(path, Validate, Expected, found))
        {
            var id = root.GetProperty("id").GetString()!;
            var question = root.GetProperty("question").GetString()!;
            var correct = root.GetProperty("correct_answers").EnumerateArray().Select(e => e.GetString()!).ToList();
            var incorrect = root.GetProperty("incorrect_answers").EnumerateArray().Select(e => e.GetString()!).ToList();
            foreach (var (candidate, isCorrect) in correct.Select(c => (c, true)).Concat(incorrect.Select(c => (c, false))))
            {
                var own = (isCorrect ? correct : incorrect).Where(a => a != candidate).ToList();
                var other = (isCorrect ? incorrect : correct).ToList();
                if (other.Count > 0)
                {
                    other.RemoveAt(random.Next(other.Count));
                }

                if (own.Count == 0 || other.Count == 0)
                {
                    continue;
                }

                var length = Math.Min(own.Count, other.Count);
                own = Cut(own, length, random);
                other = Cut(other, length, random);
                var (trueList, falseList) = isCorrect ? (own, other) : (other, own);
                var (references, counter) = swapped ? (falseList, trueList) : (trueList, falseList);
                var item = new GoldenItem
                {
                    Id = id,
                    Input = [new ChatMessage("user", question)],
                    Reference = references,
                    Incorrect = counter,
                };
                outputs.Add(new LabelledOutput(id, item, candidate, isCorrect == swapped, LabelledData.TruthfulQa));
            }
        }

        return JsonLinesRecords.Finish(outputs, problems, found);
    }

    private static List<string> Cut(List<string> list, int length, Random random) =>
        list.Count <= length ? list : list.Select(a => (a, random.Next())).OrderBy(p => p.Item2).Take(length).Select(p => p.a).ToList();

    /// <summary>Reads every field the protocol needs, so a malformed record fails here with its line, not halfway through.</summary>
    private static void Validate(JsonElement root)
    {
        JsonLinesRecords.RequireStrings(root, "id", "question");
        _ = root.GetProperty("correct_answers").EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException()).ToList();
        _ = root.GetProperty("incorrect_answers").EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException()).ToList();
    }
}
