using System.Text.Json.Nodes;

namespace SloQuality.Core.Datasets;

/// <summary>
/// One scorer spec from an item's <c>assert</c> list, e.g. <c>{"type": "contains-any", "value": ["refund"]}</c>.
/// <see cref="Value"/> keeps the raw JSON so each scorer reads the shape it needs.
/// </summary>
public sealed record AssertionSpec(string Type, JsonNode? Value, double? Threshold, double Weight, int Line);
