using System.Runtime.InteropServices;
using SloQuality.Cli;

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

return await SloqApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
