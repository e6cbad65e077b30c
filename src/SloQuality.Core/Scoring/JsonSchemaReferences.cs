using System.Text.Json.Nodes;

namespace SloQuality.Core.Scoring;

/// <summary>
/// Finds references that leave the schema (<c>http:</c>, <c>file:</c>, a relative path): a dataset must
/// not make scoring reach the network or the disk, and an unresolvable reference must fail at
/// validation, not in the middle of a run.
/// </summary>
internal static class JsonSchemaReferences
{
    private static readonly string[] Keywords = ["$ref", "$dynamicRef", "$recursiveRef"];

    public readonly record struct Reference(string Keyword, string Target);

    public static Reference? FirstOutside(JsonNode? root)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (Array.IndexOf(Keywords, key) >= 0 && value is JsonValue v && v.TryGetValue<string>(out var target) && !target.StartsWith('#'))
                        {
                            return new Reference(key, target);
                        }

                        pending.Push(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return null;
    }
}
