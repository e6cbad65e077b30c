using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;

namespace SloQuality.Tests.Shared.Otlp;

/// <summary>
/// An OTLP/HTTP trace receiver on a loopback port: every <c>POST /v1/traces</c> body is decoded as an
/// <see cref="ExportTraceServiceRequest"/> (gzip or not), and answered as a collector answers.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ExportTraceServiceRequest> requests = new();
    private readonly ConcurrentQueue<string> problems = new();
    private readonly Task loop;

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set to (the exporter appends <c>/v1/traces</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Requests that were not OTLP trace exports (wrong path, content type or body).</summary>
    public IReadOnlyCollection<string> Problems => problems;

    public IReadOnlyList<(Resource Resource, InstrumentationScope Scope, Span Span)> Spans =>
        requests.SelectMany(r => r.ResourceSpans.SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => (rs.Resource, ss.Scope, s))))).ToList();

    public static OtlpReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OtlpReceiver(port);
    }

    /// <summary>Waits until the spans seen satisfy <paramref name="enough"/>, or the time is up.</summary>
    public async Task<IReadOnlyList<(Resource Resource, InstrumentationScope Scope, Span Span)>> WaitForAsync(Func<IReadOnlyList<(Resource, InstrumentationScope, Span Span)>, bool> enough, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!enough(Spans) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Spans;
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

            try
            {
                Receive(context);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or IOException)
            {
                problems.Enqueue($"{context.Request.Url}: {e.Message}");
                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Receive(HttpListenerContext context)
    {
        var request = context.Request;
        if (request.HttpMethod != "POST" || request.Url?.AbsolutePath != "/v1/traces" || request.ContentType != "application/x-protobuf")
        {
            problems.Enqueue($"{request.HttpMethod} {request.Url?.AbsolutePath} ({request.ContentType})");
            context.Response.StatusCode = 404;
            return;
        }

        using var body = new MemoryStream();
        using (var source = request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream)
        {
            source.CopyTo(body);
        }

        requests.Enqueue(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
        var answer = new ExportTraceServiceResponse().ToByteArray();
        context.Response.OutputStream.Write(answer);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
