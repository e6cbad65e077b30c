namespace SloQuality.Core.Hallucination.Training;

/// <summary>
/// One labelled claim as the trainer sees it: its features, whether it is hallucinated, the group
/// (question or passage) it belongs to, so folds never split a group, and its weight (a faithful output's
/// claims share one output's weight).
/// </summary>
public sealed record DetectorCase(string Group, float[] Features, bool Hallucinated, float Weight = 1);
