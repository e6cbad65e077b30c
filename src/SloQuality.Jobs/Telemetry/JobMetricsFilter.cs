using System.Diagnostics;
using Hangfire.Server;

namespace SloQuality.Jobs.Telemetry;

/// <summary>Counts every job a Hangfire server performs, by job class and outcome, with its duration.</summary>
public sealed class JobMetricsFilter(SloqMetrics metrics) : IServerFilter
{
    private const string StartedKey = "sloq-metrics-started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        var started = context.Items.TryGetValue(StartedKey, out var value) && value is long ticks ? ticks : Stopwatch.GetTimestamp();
        var job = context.BackgroundJob.Job?.Type.Name ?? "unknown";
        metrics.JobPerformed(job, context.Exception is null || context.ExceptionHandled, Stopwatch.GetElapsedTime(started));
    }
}
