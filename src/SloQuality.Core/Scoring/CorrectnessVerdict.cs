namespace SloQuality.Core.Scoring;

/// <summary>Whether an output is correct, how close it came (0..1), and what each scorer said.</summary>
public sealed record CorrectnessVerdict(bool Correct, double Score, IReadOnlyList<ScoreResult> Scores)
{
    public IEnumerable<string> Reasons => Scores.Where(s => s.Reason is not null).Select(s => $"{s.Scorer}: {s.Reason}");
}
