namespace SloQuality.Jobs;

/// <summary>When the daily or weekly fold and report run (<c>folds:</c> in <c>jobs/schedules.yaml</c>).</summary>
public sealed record FoldSchedule(string Kind, string Cron, string TimeZone, int Line);
