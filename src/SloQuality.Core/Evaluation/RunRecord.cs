namespace SloQuality.Core.Evaluation;

/// <summary>A run of one dataset version against one model target, and what started it (<see cref="RunOrigins"/>).</summary>
public sealed record RunRecord(
    string RunId,
    string DatasetName,
    string DatasetHash,
    string ModelTarget,
    int PlannedItems,
    int Repeat,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt = null,
    string Status = RunRecord.Running,
    string Origin = RunOrigins.Cli)
{
    public const string Running = "running";
    public const string Completed = "completed";
}
