using SloQuality.Core.Datasets;
using SloQuality.Core.Yaml;

namespace SloQuality.Core.Hallucination.Variants;

/// <summary>Reads a YAML list of <see cref="VariantCard"/>s; every problem is <c>path:line: message</c> and the other cards are kept.</summary>
public static class VariantCards
{
    private static readonly string[] Fields = ["id", "domain", "question", "reference", "answer", "grounded", "context", "incorrect", "paraphrases", "unsupported", "swapped"];

    public static (IReadOnlyList<VariantCard> Cards, IReadOnlyList<DatasetProblem> Problems) Read(string path)
    {
        var problems = new List<DatasetProblem>();
        var root = YamlNodeReader.ParseFile(path, problems);
        if (root is null)
        {
            return ([], problems);
        }

        if (root is not SequenceNode list)
        {
            problems.Add(new DatasetProblem(path, root.Line, $"expected a list of cards, found {root.KindName}"));
            return ([], problems);
        }

        var r = new NodeReader(path, problems);
        var cards = new List<VariantCard>();
        foreach (var node in list.Items)
        {
            if (node is not MappingNode map)
            {
                r.Report(node.Line, $"a card must be a mapping, found {node.KindName}");
                continue;
            }

            var before = problems.Count;
            r.RejectUnknown(map, string.Empty, Fields);
            var (id, question, reference) = (r.String(map, "id", required: true), r.String(map, "question", required: true), r.String(map, "reference", required: true));
            var answer = r.String(map, "answer");
            if (answer is not (null or "yes" or "no"))
            {
                r.Report(map.Get("answer")!.Line, $"'answer' is '{answer}', expected yes or no");
            }

            var card = new VariantCard(id ?? string.Empty, r.String(map, "domain") ?? "general", question ?? string.Empty, reference ?? string.Empty, answer,
                r.Boolean(map, "grounded") ?? false, r.String(map, "context"), Strings(r, map, "incorrect"), Strings(r, map, "paraphrases"),
                Strings(r, map, "unsupported"), Strings(r, map, "swapped"), map.Line);
            if (card.Grounded && card.Context is null)
            {
                r.Report(map.Line, "'grounded: true' needs a 'context' to judge against");
            }

            if (problems.Count == before)
            {
                cards.Add(card);
            }
        }

        return (cards, problems);
    }

    private static List<string> Strings(NodeReader r, MappingNode map, string key)
    {
        var list = r.Sequence(map, key);
        var strings = new List<string>();
        foreach (var item in list?.Items ?? [])
        {
            if (item is ScalarNode { Kind: ScalarKind.String or ScalarKind.Number, Text: { Length: > 0 } text })
            {
                strings.Add(text);
            }
            else
            {
                r.Report(item.Line, $"'{key}' must hold strings, found {item.KindName}");
            }
        }

        return strings;
    }
}
