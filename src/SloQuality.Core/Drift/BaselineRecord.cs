namespace SloQuality.Core.Drift;

/// <summary>
/// An approved run for a (model target, dataset): the outputs later runs are compared with, and the
/// noise floor measured for it. The latest promotion for a pair is the current baseline.
/// </summary>
public sealed record BaselineRecord(
    string ModelTarget,
    string DatasetName,
    string RunId,
    string DatasetHash,
    DateTimeOffset PromotedAt,
    string? PromotedBy,
    string? NoiseRunId,
    NoiseFloor? Noise);
