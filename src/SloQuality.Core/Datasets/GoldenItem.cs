using System.Text.Json.Nodes;

namespace SloQuality.Core.Datasets;

/// <summary>One golden item (contract 1 of DESIGN.md), after validation.</summary>
public sealed record GoldenItem
{
    public required string Id { get; init; }

    /// <summary>The chat sent to the model; a plain string input becomes one user message.</summary>
    public required IReadOnlyList<ChatMessage> Input { get; init; }

    /// <summary>Acceptable answers; empty when the item is scored by assertions only.</summary>
    public IReadOnlyList<string> Reference { get; init; } = [];

    /// <summary>Grounding passages.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>Known-false answers or claims.</summary>
    public IReadOnlyList<string> Incorrect { get; init; } = [];

    /// <summary>False when the right output is an abstention.</summary>
    public bool Answerable { get; init; } = true;

    public IReadOnlyList<AssertionSpec> Assertions { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public JsonObject? Metadata { get; init; }

    /// <summary>True for an OpenAI Evals sample without an id: the id is a hash of its input.</summary>
    public bool IdFromInput { get; init; }

    /// <summary>The line of the item in its file, for messages about it.</summary>
    public int Line { get; init; }

    /// <summary>
    /// A grounded item: answerable, with a context and neither a reference nor assertions. It is judged
    /// for hallucination against its context alone, and has no correctness (<c>correct</c> is null).
    /// </summary>
    public bool Grounded => Answerable && Reference.Count == 0 && Assertions.Count == 0 && Context.Count > 0;

    /// <summary>The last user message: what the simulator and reports show as "the question".</summary>
    public string Prompt => Input.LastOrDefault(m => m.Role == "user")?.Content ?? Input[^1].Content;
}
