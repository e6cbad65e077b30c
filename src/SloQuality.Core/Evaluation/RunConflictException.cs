namespace SloQuality.Core.Evaluation;

/// <summary>
/// A run id that names another run (another dataset, version, target or repeat count) or a run another
/// process is evaluating at this moment: resuming it would merge two runs or call the model twice per item.
/// </summary>
public sealed class RunConflictException(string message) : Exception(message);
