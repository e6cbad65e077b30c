using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>
/// For <c>answerable: false</c> items: passes when the output declines to answer (says it does not
/// know, cannot find the information, or that the premise is false) instead of inventing an answer.
/// </summary>
public sealed partial class AbstentionScorer : IScorer
{
    public string Name => "abstention";

    [GeneratedRegex(@"\b((i|we) (do not|don't|cannot|can't|can not) (know|say|tell|find|confirm|verify|answer|determine|provide|share|disclose)|i'?m not (sure|able|aware)|i am not (sure|able|aware)|no (reliable |public |available )?(information|record|data|evidence)|not (publicly )?(known|available|documented|recorded|possible to (know|say|determine))|(cannot|can't|can not) be (determined|known|answered|predicted)|there is no (way|record|evidence|information)|unable to (answer|determine|find|provide|predict)|i have no (information|way|access|data)|nobody knows|no one knows|unknown|does not exist|doesn't exist|never (happened|existed|occurred)|false premise|i (would|'d) need more information|please contact)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbstentionCue();

    public static bool IsAbstention(string output) => AbstentionCue().IsMatch(output.Replace('’', '\''));

    /// <summary>
    /// Whether the output declines: an abstention cue, or the item's own reference (the decline its author
    /// wrote, such as "We do not know of any kayak rentals") stated in it, wrapped or not.
    /// </summary>
    public static bool Declines(GoldenItem item, string output) => IsAbstention(output) || StatesAReference(item, output);

    private static bool StatesAReference(GoldenItem item, string output)
    {
        var said = TextNormalizer.Tokens(output);
        var words = said.ToHashSet(StringComparer.Ordinal);
        return item.Reference.Select(TextNormalizer.Tokens).Any(reference => reference.Count > 0
            && said.Count <= (2 * reference.Count) + 4
            && reference.Count(words.Contains) >= 0.85 * reference.Count);
    }

    public ScoreResult Score(GoldenItem item, string output) =>
        Declines(item, output)
            ? new ScoreResult(Name, 1, true)
            : new ScoreResult(Name, 0, false, "answered a question that has no answer instead of declining");
}
