namespace SloQuality.Core.Hallucination.Training;

/// <summary>One labelled output as the trainer sees it: its features, whether it is hallucinated, and the group (question) it belongs to, so folds never split a group.</summary>
public sealed record DetectorCase(string Group, float[] Features, bool Hallucinated);
