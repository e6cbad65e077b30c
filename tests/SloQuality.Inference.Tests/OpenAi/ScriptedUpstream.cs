using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SloQuality.Inference.Tests.OpenAi;

/// <summary>
/// A plain HTTP server that answers every chat completion with a scripted byte stream (each string a
/// separate write and flush, so an event can be split across reads) and keeps every request body.
/// </summary>
internal sealed class ScriptedUpstream : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly IReadOnlyList<string> writes;
    private readonly List<string> bodies = [];

    private ScriptedUpstream(int port, IReadOnlyList<string> writes)
    {
        this.writes = writes;
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = ServeAsync();
    }

    public Uri BaseUri { get; }

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

    public static ScriptedUpstream Start(params string[] writes)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ScriptedUpstream(port, writes);
    }

    /// <summary>An OpenAI-style chunk: <c>data: {...}</c> and a blank line.</summary>
    public static string Chunk(string choicesJson, string extra = "") =>
        $"data: {{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":{choicesJson}{extra}}}\n\n";

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                lock (bodies)
                {
                    bodies.Add(body);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            context.Response.SendChunked = true;
            foreach (var write in writes)
            {
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(write));
                await context.Response.OutputStream.FlushAsync();
                await Task.Delay(2);
            }

            context.Response.Close();
        }
    }
}
