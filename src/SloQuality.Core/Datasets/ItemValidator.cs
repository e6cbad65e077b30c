using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloQuality.Core.Scoring;

namespace SloQuality.Core.Datasets;

/// <summary>
/// Turns one parsed item (from JSON Lines or YAML) into a <see cref="GoldenItem"/>, collecting every
/// problem instead of stopping at the first, each at the line of the offending node.
/// </summary>
internal sealed partial class ItemValidator(string path, List<DatasetProblem> problems)
{
    private static readonly string[] KnownFields =
        ["id", "input", "reference", "ideal", "context", "incorrect", "answerable", "assert", "tags", "metadata"];

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IdPattern();

    /// <summary>Validates an item; returns null when it has any problem (the problems are recorded).</summary>
    public GoldenItem? Validate(DataNode node)
    {
        if (node is not MappingNode map)
        {
            Report(node.Line, $"an item must be an object, found {node.KindName}");
            return null;
        }

        var before = problems.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!seen.Add(key))
            {
                Report(value.Line, $"field '{key}' appears twice in one item");
            }
            else if (Array.IndexOf(KnownFields, key) < 0)
            {
                Report(value.Line, $"unknown field '{key}', expected one of: {string.Join(", ", KnownFields)}");
            }
        }

        var input = ReadInput(map);
        var id = ReadId(map, input);
        var referenceNode = map.Get("reference") ?? map.Get("ideal");
        // An Evals sample says 'ideal': its problems say so too.
        var reference = referenceNode is null ? [] : ReadStrings(referenceNode, map.Get("reference") is null ? "ideal" : "reference");
        var context = map.Get("context") is { } c ? ReadStrings(c, "context") : [];
        var incorrect = map.Get("incorrect") is { } i ? ReadStrings(i, "incorrect") : [];
        var answerable = ReadAnswerable(map);
        var assertions = map.Get("assert") is { } a ? ReadAssertions(a) : [];
        var tags = map.Get("tags") is { } t ? ReadStrings(t, "tags") : [];
        var metadata = ReadMetadata(map);

        if (answerable && map.Get("assert") is null && referenceNode is null && context.Count == 0)
        {
            // With a context and no reference the item is grounded: judged for hallucination against its context alone.
            Report(map.Line, "'reference' is missing: an answerable item without 'assert' needs a reference answer, or a 'context' to be judged against alone");
        }

        if (problems.Count > before || id is null || input is null)
        {
            return null;
        }

        return new GoldenItem
        {
            Id = id,
            Input = input,
            Reference = reference,
            Context = context,
            Incorrect = incorrect,
            Answerable = answerable,
            Assertions = assertions,
            Tags = tags,
            Metadata = metadata,
            Line = map.Line,
            IdFromInput = map.Get("id") is null,
        };
    }

    private string? ReadId(MappingNode map, IReadOnlyList<ChatMessage>? input)
    {
        var node = map.Get("id");
        if (node is null)
        {
            if (map.Get("ideal") is not null && input is not null)
            {
                // OpenAI Evals samples carry no id; derive a stable one from the input so that runs of
                // the same sample can be paired across dataset versions.
                var text = string.Join("\n", input.Select(m => m.Role + (m.Name is null ? string.Empty : "/" + m.Name) + ":" + m.Content));
                return "evals-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
            }

            Report(map.Line, "'id' is missing: every item needs a unique id");
            return null;
        }

        if (node is not ScalarNode { Kind: ScalarKind.String, Text: var text1 })
        {
            Report(node.Line, $"'id' must be a string, found {node.KindName}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text1))
        {
            Report(node.Line, "'id' is empty: every item needs a unique id");
            return null;
        }

        if (!IdPattern().IsMatch(text1))
        {
            Report(node.Line, $"'id' \"{Printable(text1)}\" has characters other than letters, digits, '-', '_' and '.'");
            return null;
        }

        if (text1 is "." or "..")
        {
            Report(node.Line, $"'id' \"{text1}\" is not allowed: it would name a folder");
            return null;
        }

        return text1;
    }

    private IReadOnlyList<ChatMessage>? ReadInput(MappingNode map)
    {
        var node = map.Get("input");
        switch (node)
        {
            case null:
                Report(map.Line, "'input' is missing: every item needs a prompt (a string or a list of chat messages)");
                return null;
            case ScalarNode { Kind: ScalarKind.String, Text: var text }:
                if (string.IsNullOrWhiteSpace(text))
                {
                    Report(node.Line, "'input' is empty: expected a prompt");
                    return null;
                }

                return [new ChatMessage("user", text)];
            case SequenceNode seq:
                return ReadMessages(seq);
            default:
                Report(node.Line, $"'input' must be a string or a list of chat messages, found {node.KindName}");
                return null;
        }
    }

    private IReadOnlyList<ChatMessage>? ReadMessages(SequenceNode seq)
    {
        if (seq.Items.Count == 0)
        {
            Report(seq.Line, "'input' is an empty list: expected at least one chat message");
            return null;
        }

        var messages = new List<ChatMessage>();
        var ok = true;
        for (var index = 0; index < seq.Items.Count; index++)
        {
            var item = seq.Items[index];
            if (item is not MappingNode message)
            {
                Report(item.Line, $"'input[{index}]' must be a chat message {{role, content}}, found {item.KindName}");
                ok = false;
                continue;
            }

            var role = message.Get("role");
            var content = message.Get("content");
            if (role is not ScalarNode { Kind: ScalarKind.String, Text: { } roleText })
            {
                Report(role?.Line ?? message.Line, role is null
                    ? $"'input[{index}].role' is missing"
                    : $"'input[{index}].role' must be a string, found {role.KindName}");
                ok = false;
            }
            else if (!ChatMessage.KnownRoles.Contains(roleText))
            {
                Report(role.Line, $"'input[{index}].role' \"{Printable(roleText)}\" is not a chat role, expected one of: {string.Join(", ", ChatMessage.KnownRoles)}");
                ok = false;
            }

            if (content is not ScalarNode { Kind: ScalarKind.String, Text: not null })
            {
                Report(content?.Line ?? message.Line, content is null
                    ? $"'input[{index}].content' is missing"
                    : $"'input[{index}].content' must be a string, found {content.KindName}");
                ok = false;
            }

            var name = message.Get("name");
            if (name is not null and not ScalarNode { Kind: ScalarKind.String or ScalarKind.Null })
            {
                Report(name.Line, $"'input[{index}].name' must be a string, found {name.KindName}");
                ok = false;
            }

            if (ok)
            {
                messages.Add(new ChatMessage(((ScalarNode)role!).Text!, ((ScalarNode)content!).Text!, (name as ScalarNode)?.Text is { Length: > 0 } n ? n : null));
            }
        }

        if (ok && messages.TrueForAll(m => string.IsNullOrWhiteSpace(m.Content)))
        {
            Report(seq.Line, "'input' has no message with content: expected a prompt");
            return null;
        }

        return ok ? messages : null;
    }

    private List<string> ReadStrings(DataNode node, string field)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String, Text: var text }:
                if (string.IsNullOrWhiteSpace(text))
                {
                    Report(node.Line, $"'{field}' is empty: expected text");
                    return [];
                }

                return [text];
            case SequenceNode seq:
                var values = new List<string>();
                for (var index = 0; index < seq.Items.Count; index++)
                {
                    if (seq.Items[index] is ScalarNode { Kind: ScalarKind.String, Text: { } value } && !string.IsNullOrWhiteSpace(value))
                    {
                        values.Add(value);
                    }
                    else
                    {
                        var found = seq.Items[index] is ScalarNode { Kind: ScalarKind.String } ? "an empty string" : seq.Items[index].KindName;
                        Report(seq.Items[index].Line, $"'{field}[{index}]' must be a non-empty string, found {found}");
                    }
                }

                return values;
            default:
                Report(node.Line, $"'{field}' must be a string or a list of strings, found {node.KindName}");
                return [];
        }
    }

    private bool ReadAnswerable(MappingNode map)
    {
        var node = map.Get("answerable");
        if (node is null)
        {
            return true;
        }

        if (node is ScalarNode { Kind: ScalarKind.Boolean, Text: var text })
        {
            return text == "true";
        }

        Report(node.Line, $"'answerable' must be true or false, found {node.KindName}");
        return true;
    }

    private JsonObject? ReadMetadata(MappingNode map)
    {
        var node = map.Get("metadata");
        if (node is null)
        {
            return null;
        }

        if (node is not MappingNode)
        {
            Report(node.Line, $"'metadata' must be an object, found {node.KindName}");
            return null;
        }

        return (JsonObject)DataNodeJson.ToJson(node)!;
    }

    private void Report(int line, string message) => problems.Add(new DatasetProblem(path, line, message));

    /// <summary>Keeps control characters out of terminal output when echoing a bad value back.</summary>
    private static string Printable(string text)
    {
        var clean = new string(text.Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
        return clean.Length > 60 ? clean[..60] + "…" : clean;
    }
}
