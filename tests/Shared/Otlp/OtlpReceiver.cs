using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;

namespace SloQuality.Tests.Shared.Otlp;

/// <summary>
/// An OTLP/HTTP trace receiver on a loopback port (<see cref="LoopbackListener"/>): every <c>POST /v1/traces</c> body is decoded as an
/// <see cref="ExportTraceServiceRequest"/> (gzip or not), and answered as a collector answers.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly ConcurrentQueue<ExportTraceServiceRequest> requests = new();
    private readonly ConcurrentQueue<string> problems = new();
    private readonly LoopbackListener listener;

    private OtlpReceiver()
    {
        listener = new LoopbackListener(ReceiveAsync);
        Endpoint = new Uri(listener.BaseUri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set to (the exporter appends <c>/v1/traces</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Requests that were not OTLP trace exports (wrong path, content type or body).</summary>
    public IReadOnlyCollection<string> Problems => problems;

    public IReadOnlyList<(Resource Resource, InstrumentationScope Scope, Span Span)> Spans =>
        requests.SelectMany(r => r.ResourceSpans.SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => (rs.Resource, ss.Scope, s))))).ToList();

    public static OtlpReceiver Start() => new();

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

    private Task ReceiveAsync(HttpListenerContext context)
    {
        try
        {
            Receive(context);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or IOException)
        {
            problems.Enqueue($"{context.Request.Url}: {e.Message}");
            context.Response.StatusCode = 400;
        }

        return Task.CompletedTask;
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

    public void Dispose() => listener.Dispose();
}
