using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace SloQuality.Simulator;

/// <summary>
/// What the simulator answered and whether it was wrong on purpose, per request: the truth a test or a
/// benchmark measures the hallucination detector against (<c>GET /sim/answers</c>). Keeps the last
/// <see cref="Capacity"/> answers.
/// </summary>
public sealed class AnswerLog
{
    public const int Capacity = 100_000;

    private readonly ConcurrentQueue<SimulatedAnswer> answers = new();

    public void Record(SimulatedAnswer answer)
    {
        answers.Enqueue(answer);
        while (answers.Count > Capacity && answers.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<SimulatedAnswer> For(string? model) => answers.Where(a => model is null || a.Model == model).ToList();
}

/// <summary>
/// One answer: the response id (<c>chatcmpl-sim…</c>), the model, the golden item it answered (null when
/// the prompt matched none), what kind of answer it was, whether it was made wrong on purpose (a
/// hallucination, or another item's answer under a meaning shift), the text as planned, the injected
/// fault and the finish reason.
/// </summary>
public sealed record SimulatedAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("item")] string? Item,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("hallucinated")] bool Hallucinated,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("fault")] string Fault,
    [property: JsonPropertyName("finish_reason")] string FinishReason);
