using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SloQuality.Tests.Shared;

/// <summary>
/// A plain HTTP server standing in for an OpenAI-compatible upstream: every request gets the scripted
/// answer (each string a separate write and flush, so an event can be split across reads; a
/// <see cref="Pause"/> waits), and every request body and Authorization header is kept.
/// </summary>
internal sealed class ScriptedUpstream : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<Request, Answer> respond;
    private readonly List<Request> requests = [];

    private ScriptedUpstream(int port, Func<Request, Answer> respond)
    {
        this.respond = respond;
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = ServeAsync();
    }

    /// <summary>What the upstream received, and how long after it arrived each write left (ms).</summary>
    public sealed record Request(string Body, string Authorization)
    {
        public List<double> WrittenAfterMs { get; } = [];
    }

    /// <summary>What it answers: a status, a content type and the writes of the body.</summary>
    public sealed record Answer(int Status, string ContentType, IReadOnlyList<string> Writes);

    public Uri BaseUri { get; }

    public IReadOnlyList<string> Bodies => Requests.Select(r => r.Body).ToList();

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Answers every request with this event stream.</summary>
    public static ScriptedUpstream Start(params string[] writes) => Start(_ => new Answer(200, "text/event-stream", writes));

    public static ScriptedUpstream Start(Func<Request, Answer> respond)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ScriptedUpstream(port, respond);
    }

    /// <summary>A pause in the script before the next write (the server "thinking").</summary>
    public static string Pause(int milliseconds) => $"\u0000pause:{milliseconds}";

    /// <summary>An OpenAI-style chunk: <c>data: {...}</c> and a blank line.</summary>
    public static string Chunk(string choicesJson, string extra = "") =>
        $"data: {{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":{choicesJson}{extra}}}\n\n";

    /// <summary>A whole streamed answer: the role-only chunk, the text after an optional pause, the finish, [DONE].</summary>
    public static string[] StreamedAnswer(string text, int firstTokenDelayMs = 0) =>
    [
        Chunk("""[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"""),
        .. firstTokenDelayMs > 0 ? new[] { Pause(firstTokenDelayMs) } : [],
        Chunk($$"""[{"index":0,"delta":{"content":{{System.Text.Json.JsonSerializer.Serialize(text)}}},"finish_reason":null}]"""),
        Chunk("""[{"index":0,"delta":{},"finish_reason":"stop"}]"""),
        "data: [DONE]\n\n",
    ];

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

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new Request(await reader.ReadToEndAsync(), context.Request.Headers["Authorization"] ?? string.Empty);
            lock (requests)
            {
                requests.Add(request);
            }

            var answer = respond(request);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.SendChunked = true;
            foreach (var write in answer.Writes)
            {
                if (write.StartsWith("\u0000pause:", StringComparison.Ordinal))
                {
                    await Task.Delay(int.Parse(write["\u0000pause:".Length..], System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(write));
                await context.Response.OutputStream.FlushAsync();
                request.WrittenAfterMs.Add(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
                await Task.Delay(2);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }
}
