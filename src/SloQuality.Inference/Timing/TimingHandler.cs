using System.Diagnostics;
using System.Net;

namespace SloQuality.Inference.Timing;

/// <summary>
/// Sits under Semantic Kernel's HTTP pipeline and measures where the bytes arrive: the request start,
/// the status and <c>Retry-After</c>, and the arrival of each content event (via <see cref="TimingStream"/>).
/// The measurement of the current call travels in <see cref="Current"/>, an async-local, because the
/// request is built inside Semantic Kernel where we cannot attach it.
/// </summary>
internal sealed class TimingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly AsyncLocal<StreamTiming?> Current = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timing = Current.Value;
        if (timing is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        timing.HandlerEnteredAt = timing.RequestStartedAt = Stopwatch.GetTimestamp();
        if (request.Content is { } body)
        {
            // The clock restarts when the body is written (the connection is then open): a first
            // request's TCP set-up and the HTTP stack's first-call costs are not time to first token.
            request.Content = new StampingContent(body, timing);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        timing.HeadersAt = Stopwatch.GetTimestamp();
        timing.StatusCode = (int)response.StatusCode;
        timing.RetryAfter = RetryAfter(response);
        response.Content = new TimingContent(response.Content, timing);
        return response;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    /// <summary>Content that stands in for another and disposes it with itself.</summary>
    private abstract class WrappingContent(HttpContent inner) : HttpContent
    {
        protected HttpContent Inner { get; } = inner;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A request body that stamps <see cref="StreamTiming.RequestStartedAt"/> when it starts being written.</summary>
    private sealed class StampingContent : WrappingContent
    {
        private readonly StreamTiming timing;

        public StampingContent(HttpContent inner, StreamTiming timing)
            : base(inner)
        {
            this.timing = timing;
            Headers.ContentType = Inner.Headers.ContentType;
            if (Inner.Headers.ContentLength is { } length)
            {
                Headers.ContentLength = length;
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            timing.RequestStartedAt = Stopwatch.GetTimestamp();
            await Inner.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Inner.Headers.ContentLength ?? 0;
            return Inner.Headers.ContentLength is not null;
        }
    }

    /// <summary>Wraps the response body so every read is stamped.</summary>
    private sealed class TimingContent : WrappingContent
    {
        private readonly StreamTiming timing;

        public TimingContent(HttpContent inner, StreamTiming timing)
            : base(inner)
        {
            this.timing = timing;

            // The type and encoding are what readers of an event stream look at; copying every header
            // through the generic enumerator cost more than the timing itself.
            Headers.ContentType = Inner.Headers.ContentType;
            foreach (var encoding in Inner.Headers.ContentEncoding)
            {
                Headers.ContentEncoding.Add(encoding);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new TimingStream(await Inner.ReadAsStreamAsync().ConfigureAwait(false), timing);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new TimingStream(await Inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), timing);

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
            new TimingStream(Inner.ReadAsStream(cancellationToken), timing);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
