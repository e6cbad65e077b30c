using System.Net;

namespace SloQuality.Tests.Shared;

/// <summary>
/// A real HTTP endpoint on a free loopback port (HttpListener) that hands every request to a handler
/// and closes its response: the base of the receivers tests point the product at.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly Task loop;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        this.handle = handle;
        BaseUri = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/");
        listener.Prefixes.Add(BaseUri.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint's root, ending in a slash.</summary>
    public Uri BaseUri { get; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await handle(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
