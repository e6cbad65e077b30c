using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>Passes when the output is one valid JSON document (a surrounding code fence is allowed).</summary>
public sealed class JsonValidScorer : IScorer
{
    public string Name => "is-json";

    public ScoreResult Score(GoldenItem item, string output)
    {
        using var document = JsonOutput.TryParse(output, out var error);
        return document is null ? new ScoreResult(Name, 0, false, error) : new ScoreResult(Name, 1, true);
    }
}
