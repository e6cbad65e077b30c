namespace SloQuality.Jobs;

/// <summary>
/// A recurring evaluation from <c>jobs/schedules.yaml</c>: datasets (names, or <c>*</c> for every valid
/// dataset when the job fires) against a model target on a cron in a time zone.
/// </summary>
public sealed record EvaluationSchedule(IReadOnlyList<string> Datasets, string Target, string Cron, string TimeZone, int Repeat, int Line)
{
    public const string AllDatasets = "*";
}
