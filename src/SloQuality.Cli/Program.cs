using System.Runtime.InteropServices;
using SloQuality.Cli;

// Time to first token is stamped when a chunk is read: a thread pool starved by start-up work (the
// store's first writes, model loading) would make a read wait up to half a second for a thread.
ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, 64), ioThreads);

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// SIGTERM (docker stop, kill) ends a run as Ctrl+C does: the store is flushed, nothing half-written.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

// Spans go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; disposing the provider flushes them before exit.
using var tracing = SloQuality.Inference.Telemetry.TraceExport.StartFromEnvironment("sloq");
return await SloqApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
