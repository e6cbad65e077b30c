using SloQuality.Core.Hallucination.Training;

namespace SloQuality.Core.Tests.Hallucination;

public sealed class LabelledDataTests
{
    [Fact]
    public void ABadTruthfulQaRecordIsALineProblemAndTheOthersAreRead()
    {
        using var folder = new TempFolder();
        var path = folder.Write("tqa.jsonl", string.Join('\n',
            """{"id": "q1", "question": "Where?", "correct_answers": ["Here", "Right here"], "incorrect_answers": ["There", "Over there"]}""",
            """{"id": "q2", "question": "Why?", "correct_answers": "because"}""",
            """{"id": "q3", "question": "Who?", "correct_answers": ["Me", "I"], "incorrect_answers": ["You", "Them"]}"""));

        var (outputs, problems) = LabelledData.Read(path);

        Assert.Equal(8, outputs.Count);
        Assert.Equal(2, Assert.Single(problems).Line);
        Assert.StartsWith($"{path}:2: expected a JSON object with", problems[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AHaluEvalRecordWithAnUnknownLabelIsALineProblem()
    {
        using var folder = new TempFolder();
        var path = folder.Write("halu.jsonl", string.Join('\n',
            """{"id": "q-1-faithful", "knowledge": "K.", "question": "Q?", "answer": "A", "label": "faithful", "right_answer": "A"}""",
            """{"id": "q-1-hallucinated", "knowledge": "K.", "question": "Q?", "answer": "B", "label": "maybe", "right_answer": "A"}"""));

        var (outputs, problems) = LabelledData.Read(path);

        Assert.Single(outputs);
        Assert.Equal(2, Assert.Single(problems).Line);
    }
}
