using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SloQuality.Core.Datasets;
using SloQuality.Inference.Timing;

namespace SloQuality.Benchmarks;

/// <summary>
/// The baseline: the least a client can do to stream a chat completion. One HttpClient, a hand-built
/// request, lines read off the socket, the first non-empty content line stamped as it is read.
/// </summary>
internal sealed class PlainSseLoop : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri endpoint;
    private readonly string model;

    public PlainSseLoop(Uri baseUri, string model)
    {
        endpoint = new Uri(baseUri + "/chat/completions");
        this.model = model;
    }

    public readonly record struct Result(string Id, long FirstContentAt, int Chunks);

    public async Task<Result> SendAsync(GoldenItem item, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            model,
            messages = item.Input.Select(m => new { role = m.Role, content = m.Content }),
            stream = true,
            stream_options = new { include_usage = true },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? id = null;
        long first = 0;
        var chunks = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "data: [DONE]")
            {
                break;
            }

            if (ContentEventScanner.HasNonEmptyContent(Encoding.UTF8.GetBytes(line)))
            {
                first = first == 0 ? Stopwatch.GetTimestamp() : first;
                chunks++;
            }

            id ??= ReadId(line);
        }

        return new Result(id ?? string.Empty, first, chunks);
    }

    private static string? ReadId(string line)
    {
        using var document = JsonDocument.Parse(line.AsMemory(6));
        return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    public void Dispose() => http.Dispose();
}
