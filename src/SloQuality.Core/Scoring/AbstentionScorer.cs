using System.Text.RegularExpressions;
using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>
/// For <c>answerable: false</c> items: passes when the output declines to answer (says it does not
/// know, cannot find the information, or that the premise is false) instead of inventing an answer.
/// </summary>
public sealed partial class AbstentionScorer : IScorer
{
    public string Name => "abstention";

    [GeneratedRegex(@"\b(i (do not|don't|cannot|can't|can not) (know|say|tell|find|confirm|verify|answer|determine|provide)|i'?m not (sure|able|aware)|i am not (sure|able|aware)|no (reliable |public |available )?(information|record|data|evidence)|not (publicly )?(known|available|documented|recorded|possible to (know|say|determine))|(cannot|can't|can not) be (determined|known|answered|predicted)|there is no (way|record|evidence|information)|unable to (answer|determine|find|provide|predict)|i have no (information|way|access|data)|nobody knows|no one knows|unknown|does not exist|doesn't exist|never (happened|existed|occurred)|false premise|i (would|'d) need more information|please contact)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbstentionCue();

    public static bool IsAbstention(string output) => AbstentionCue().IsMatch(output.Replace('’', '\''));

    public ScoreResult Score(GoldenItem item, string output) =>
        IsAbstention(output)
            ? new ScoreResult(Name, 1, true)
            : new ScoreResult(Name, 0, false, "answered a question that has no answer instead of declining");
}
