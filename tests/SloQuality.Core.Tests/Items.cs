using System.Text.Json.Nodes;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Tests;

/// <summary>Golden items for tests, built the way a dataset file would give them.</summary>
internal static class Items
{
    public static GoldenItem Make(
        string prompt = "What is the capital of Australia?",
        string[]? reference = null,
        string[]? incorrect = null,
        string[]? context = null,
        bool answerable = true,
        params AssertionSpec[] assertions) => new()
    {
        Id = "item-1",
        Input = [new ChatMessage("user", prompt)],
        Reference = reference ?? ["The capital of Australia is Canberra."],
        Incorrect = incorrect ?? [],
        Context = context ?? [],
        Answerable = answerable,
        Assertions = assertions,
    };

    public static AssertionSpec Assert(string type, string? valueJson = null, double? threshold = null, double weight = 1) =>
        new(type, valueJson is null ? null : JsonNode.Parse(valueJson), threshold, weight, 1);
}
