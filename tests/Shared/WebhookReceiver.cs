using System.Net;
using System.Text;

namespace SloQuality.Tests.Shared;

/// <summary>
/// A real HTTP endpoint on loopback that records every body posted to it and answers with the status
/// codes it is told, in order (200 once they run out).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly Queue<int> statuses;
    private readonly List<string> bodies = [];
    private readonly LoopbackListener listener;

    public WebhookReceiver(params int[] statuses)
    {
        this.statuses = new Queue<int>(statuses);
        listener = new LoopbackListener(ReceiveAsync);
        Url = new Uri(listener.BaseUri, "hooks/T000/B000/secret-token-123456");
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

    public void Dispose() => listener.Dispose();

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        lock (bodies)
        {
            bodies.Add(body);
            context.Response.StatusCode = statuses.Count > 0 ? statuses.Dequeue() : 200;
        }
    }
}
