using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>
/// The assertion types an item's <c>assert</c> list may use: how each is validated when a dataset is
/// loaded, and which scorer it becomes. Validation and construction live together so that a spec that
/// validates always builds.
/// </summary>
public static class AssertionCatalog
{
    private sealed record Entry(Func<AssertionSpec, string?> Validate, Func<AssertionSpec, IScorer> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["equals"] = new(s => OptionalStrings(s), s => new ExactMatchScorer(StringsOrNull(s.Value))),
        ["contains"] = new(s => RequiredStrings(s), s => new ContainsScorer(Strings(s.Value), ContainsMode.All)),
        ["contains-all"] = new(s => RequiredStrings(s), s => new ContainsScorer(Strings(s.Value), ContainsMode.All)),
        ["contains-any"] = new(s => RequiredStrings(s), s => new ContainsScorer(Strings(s.Value), ContainsMode.Any)),
        ["not-contains"] = new(s => RequiredStrings(s), s => new ContainsScorer(Strings(s.Value), ContainsMode.None)),
        ["regex"] = new(ValidateRegex, s => new RegexScorer(s.Value!.GetValue<string>())),
        ["is-json"] = new(_ => null, _ => new JsonValidScorer()),
        ["json-schema"] = new(s => TryBuildSchema(s.Value, out _), s => new JsonSchemaScorer(BuildSchema(s.Value))),
        ["json-fields"] = new(s => s.Value is JsonObject { Count: > 0 } ? null : "'value' must be an object of field paths and expected values",
            s => new JsonFieldsScorer((JsonObject)s.Value!)),
        ["token-f1"] = new(s => OptionalStrings(s) ?? Threshold(s), s => new TokenF1Scorer(s.Threshold ?? 0.5, StringsOrNull(s.Value))),
        ["rouge-l"] = new(s => OptionalStrings(s) ?? Threshold(s), s => new RougeLScorer(s.Threshold ?? 0.5, StringsOrNull(s.Value))),
        ["abstention"] = new(_ => null, _ => new AbstentionScorer()),
        ["choice"] = new(s => ChoiceScorer.Validate(s.Value), s => new ChoiceScorer(StringsOrNull(s.Value))),
    };

    public static IReadOnlyCollection<string> Types => Entries.Keys;

    public static bool IsKnown(string type) => Entries.ContainsKey(type);

    /// <summary>Null when the spec is usable, otherwise what is wrong and what was expected.</summary>
    public static string? Validate(AssertionSpec spec)
    {
        if (!Entries.TryGetValue(spec.Type, out var entry))
        {
            return $"unknown assert type '{spec.Type}', expected one of: {string.Join(", ", Types)}";
        }

        if (spec.Weight <= 0)
        {
            return $"'weight' must be greater than 0, found {spec.Weight}";
        }

        return entry.Validate(spec);
    }

    public static IScorer Create(AssertionSpec spec) => Entries[spec.Type].Create(spec);

    private static string? Threshold(AssertionSpec spec) =>
        spec.Threshold is < 0 or > 1 ? $"'threshold' must be between 0 and 1, found {spec.Threshold}" : null;

    private static string? RequiredStrings(AssertionSpec spec) =>
        spec.Value is null ? $"'{spec.Type}' needs a 'value': a string or a list of strings" : OptionalStrings(spec);

    private static string? OptionalStrings(AssertionSpec spec) => spec.Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => null,
        JsonArray { Count: > 0 } a when a.All(e => e is JsonValue ev && ev.TryGetValue<string>(out var s) && s.Length > 0) => null,
        _ => "'value' must be a non-empty string or a list of non-empty strings",
    };

    private static IReadOnlyList<string> Strings(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(e => e!.GetValue<string>()).ToList(),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };

    private static IReadOnlyList<string>? StringsOrNull(JsonNode? value) => value is null ? null : Strings(value);

    private static string? ValidateRegex(AssertionSpec spec)
    {
        if (spec.Value is not JsonValue v || !v.TryGetValue<string>(out var pattern) || pattern.Length == 0)
        {
            return "'regex' needs a 'value' with a non-empty pattern string";
        }

        try
        {
            _ = RegexScorer.Create(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"invalid regex /{pattern}/: {e.Message}";
        }
    }

    private static JsonSchema BuildSchema(JsonNode? value) =>
        TryBuildSchema(value, out var schema) is null ? schema! : throw new InvalidOperationException("schema was validated at load time");

    /// <summary>The schema may be given inline (an object) or as a JSON string.</summary>
    private static string? TryBuildSchema(JsonNode? value, out JsonSchema? schema)
    {
        schema = null;
        var text = value switch
        {
            JsonObject o => o.ToJsonString(),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (text is null)
        {
            return "'json-schema' needs a 'value': a JSON schema object";
        }

        try
        {
            if (JsonSchemaReferences.FirstOutside(JsonNode.Parse(text)) is { } outside)
            {
                return $"invalid JSON schema: '{outside.Keyword}' \"{outside.Target}\" points outside the schema, expected a reference inside it (starting with '#'); nothing is fetched from the network or the disk";
            }

            schema = JsonSchema.FromText(text);
            return null;
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return $"invalid JSON schema: {e.Message.Split(" Path:")[0].TrimEnd('.')}";
        }
    }
}
