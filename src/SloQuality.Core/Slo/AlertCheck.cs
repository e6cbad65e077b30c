namespace SloQuality.Core.Slo;

/// <summary>One alert's burn rates over its two windows (null: no events there) and whether it fires.</summary>
public sealed record AlertCheck(BurnRateAlert Alert, double? LongBurnRate, double? ShortBurnRate, bool Firing);
