using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>How many of the phrases must appear in the output.</summary>
public enum ContainsMode { Any, All, None }

/// <summary>
/// Case-insensitive phrase containment over normalised text, so punctuation and articles do not
/// decide the verdict. The score is the share of phrases found (for <see cref="ContainsMode.None"/>, not found).
/// </summary>
public sealed class ContainsScorer(IReadOnlyList<string> phrases, ContainsMode mode) : IScorer
{
    public string Name => mode switch
    {
        ContainsMode.Any => "contains-any",
        ContainsMode.All => "contains-all",
        _ => "not-contains",
    };

    public ScoreResult Score(GoldenItem item, string output)
    {
        var haystack = " " + TextNormalizer.Normalize(output) + " ";
        var found = phrases.Where(p => haystack.Contains(" " + TextNormalizer.Normalize(p) + " ", StringComparison.Ordinal)).ToList();
        var missing = phrases.Except(found).ToList();
        return mode switch
        {
            ContainsMode.Any => new ScoreResult(Name, found.Count > 0 ? 1 : 0, found.Count > 0,
                found.Count > 0 ? null : $"none of {Quote(phrases)} found"),
            ContainsMode.All => new ScoreResult(Name, (double)found.Count / phrases.Count, missing.Count == 0,
                missing.Count == 0 ? null : $"missing {Quote(missing)}"),
            _ => new ScoreResult(Name, (double)missing.Count / phrases.Count, found.Count == 0,
                found.Count == 0 ? null : $"contains forbidden {Quote(found)}"),
        };
    }

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));
}
