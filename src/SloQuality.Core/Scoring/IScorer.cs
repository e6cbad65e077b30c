using SloQuality.Core.Datasets;

namespace SloQuality.Core.Scoring;

/// <summary>Scores one model output against one golden item. Implementations are pure and thread-safe.</summary>
public interface IScorer
{
    string Name { get; }

    ScoreResult Score(GoldenItem item, string output);
}
