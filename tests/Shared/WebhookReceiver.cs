using System.Net.Sockets;
using System.Net;
using System.Text;

namespace SloQuality.Tests.Shared;

/// <summary>
/// A real HTTP endpoint on loopback (HttpListener) that records every body posted to it and answers
/// with the status codes it is told, in order (200 once they run out).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Queue<int> statuses;
    private readonly List<string> bodies = [];
    private readonly Task loop;

    public WebhookReceiver(params int[] statuses)
    {
        this.statuses = new Queue<int>(statuses);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/T000/B000/secret-token-123456");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (bodies)
            {
                return [.. bodies];
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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            int status;
            lock (bodies)
            {
                bodies.Add(body);
                status = statuses.Count > 0 ? statuses.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
