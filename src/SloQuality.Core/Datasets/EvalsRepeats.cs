namespace SloQuality.Core.Datasets;

/// <summary>
/// OpenAI Evals files repeat samples verbatim; their ids come from the input, so a repeat collides.
/// An exact repeat is kept once with a warning; the same input with another ideal is a problem that
/// says how to tell the two apart.
/// </summary>
internal static class EvalsRepeats
{
    public static List<GoldenItem> Drop(string path, List<GoldenItem> items, List<DatasetProblem> warnings, List<DatasetProblem> problems)
    {
        var first = new Dictionary<string, GoldenItem>(StringComparer.Ordinal);
        var kept = new List<GoldenItem>(items.Count);
        foreach (var item in items)
        {
            if (!item.IdFromInput || !first.TryGetValue(item.Id, out var earlier) || !earlier.IdFromInput)
            {
                first.TryAdd(item.Id, item);
                kept.Add(item);
            }
            else if (SameSample(earlier, item))
            {
                warnings.Add(new DatasetProblem(path, item.Line, $"line {item.Line} repeats line {earlier.Line}: counted once"));
            }
            else
            {
                problems.Add(new DatasetProblem(path, item.Line,
                    $"line {item.Line} has the same input as line {earlier.Line} but another 'ideal': an Evals sample's id comes from its input, so give one of them an 'id'"));
            }
        }

        return kept;
    }

    private static bool SameSample(GoldenItem a, GoldenItem b) =>
        a.Reference.SequenceEqual(b.Reference, StringComparer.Ordinal)
        && a.Context.SequenceEqual(b.Context, StringComparer.Ordinal)
        && a.Incorrect.SequenceEqual(b.Incorrect, StringComparer.Ordinal)
        && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
        && a.Answerable == b.Answerable
        && a.Assertions.Count == 0 && b.Assertions.Count == 0
        && System.Text.Json.Nodes.JsonNode.DeepEquals(a.Metadata, b.Metadata);
}
