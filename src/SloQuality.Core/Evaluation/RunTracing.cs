using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace SloQuality.Core.Evaluation;

/// <summary>
/// Each run is one trace: its trace id is derived from the run id, so the spans of a run evaluated in
/// one CLI process, or in chunks by several Hangfire workers and finished by another, land in the same
/// trace. Spans cost nothing unless a listener (the OTLP exporter, when configured) subscribes to
/// <see cref="SourceName"/>.
/// </summary>
public static class RunTracing
{
    public const string SourceName = "SloQuality";

    public static readonly ActivitySource Source = new(SourceName, typeof(RunTracing).Assembly.GetName().Version?.ToString(3));

    // The trace id the next root span on this thread takes; StartActivity reads it synchronously.
    [ThreadStatic]
    private static ActivityTraceId? nextRootTraceId;

    private static int generatorInstalled;

    /// <summary>The trace id of a run: the first 16 bytes of the SHA-256 of its id.</summary>
    public static ActivityTraceId TraceIdOf(string runId) =>
        ActivityTraceId.CreateFromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(runId)).AsSpan(0, 16));

    /// <summary>
    /// A span of the run: a child of the current span when that is already in the run's trace (the CLI's
    /// whole run around its replay), else a root of the run's trace, linked to whatever span was current
    /// (a Hangfire job, an HTTP request). Null when nobody listens.
    /// </summary>
    public static Activity? StartRunSpan(string name, RunRecord run, int? items = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var traceId = TraceIdOf(run.RunId);
        var current = Activity.Current;
        Activity? activity;
        if (current is not null && current.TraceId == traceId)
        {
            activity = Source.StartActivity(name, ActivityKind.Internal);
        }
        else
        {
            InstallTraceIdGenerator();
            Activity.Current = null;
            nextRootTraceId = traceId;
            try
            {
                activity = Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), links: current is null ? null : [new ActivityLink(current.Context)]);
            }
            finally
            {
                nextRootTraceId = null;
            }
        }

        activity?.SetTag("sloquality.run.id", run.RunId)
            .SetTag("sloquality.dataset", run.DatasetName)
            .SetTag("sloquality.target", run.ModelTarget);
        if (items is { } count)
        {
            activity?.SetTag("sloquality.items", count);
        }

        return activity;
    }

    /// <summary>
    /// Root spans take the run's trace id through the runtime's documented hook; every other root span
    /// keeps the generator that was there (random ids by default).
    /// </summary>
    private static void InstallTraceIdGenerator()
    {
        if (Interlocked.Exchange(ref generatorInstalled, 1) == 1)
        {
            return;
        }

        var previous = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => nextRootTraceId ?? previous?.Invoke() ?? ActivityTraceId.CreateRandom();
    }
}
