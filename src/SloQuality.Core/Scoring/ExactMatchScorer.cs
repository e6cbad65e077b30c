using SloQuality.Core.Datasets;
using SloQuality.Core.Text;

namespace SloQuality.Core.Scoring;

/// <summary>Passes when the normalised output equals one of the expected answers.</summary>
public sealed class ExactMatchScorer(IReadOnlyList<string>? expected = null) : IScorer
{
    public string Name => "equals";

    public ScoreResult Score(GoldenItem item, string output)
    {
        var answers = expected ?? item.Reference;
        var normalised = TextNormalizer.Normalize(output);
        var match = answers.FirstOrDefault(a => TextNormalizer.Normalize(a) == normalised);
        return match is null
            ? new ScoreResult(Name, 0, false, "output equals none of the expected answers")
            : new ScoreResult(Name, 1, true);
    }
}
