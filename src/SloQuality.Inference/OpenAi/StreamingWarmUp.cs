using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SloQuality.Inference.Timing;

namespace SloQuality.Inference.OpenAi;

/// <summary>
/// Runs the whole streaming path once per process (Semantic Kernel, the OpenAI SDK's SSE reader, our
/// timing handler and scanner, and SocketsHttpHandler's connection and chunked-response reading) against
/// a canned answer from a loopback socket of our own, before the first timed request. Without
/// it the first request of a run pays for just-in-time compilation while its first chunk waits
/// unread, and reads 100-155 ms late: on a 33-item dataset that one item is the p99. No request
/// reaches a model or leaves the machine.
/// </summary>
internal static class StreamingWarmUp
{
    private static readonly Lazy<Task> Once = new(RunAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task EnsureAsync() => Once.Value;

    private static async Task RunAsync()
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var serving = ServeOnceAsync(listener);
            using var sockets = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
            using var http = new HttpClient(new TimingHandler(sockets)) { Timeout = TimeSpan.FromSeconds(30) };
            var openAi = new OpenAIClient(new ApiKeyCredential("warm-up"), new OpenAIClientOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1"),
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
            var chat = new OpenAIChatCompletionService("warm-up", openAi);
            TimingHandler.Current.Value = new StreamTiming();
            var settings = new OpenAIPromptExecutionSettings { MaxTokens = 4, Temperature = 0 };
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(new ChatHistory("warm up"), settings).ConfigureAwait(false))
            {
                _ = update.Content;
                _ = update.Metadata;
            }

            await serving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A warm-up that fails leaves the first request as it was; it never fails a run.
        }
        finally
        {
            TimingHandler.Current.Value = null;
        }
    }

    private const string Stream =
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"warm\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" up\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}}\n\n" +
        "data: [DONE]\n\n";

    /// <summary>Answers one HTTP/1.1 request with the canned stream, chunk by chunk, as a real server does.</summary>
    private static async Task ServeOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
        var network = client.GetStream();
        var request = new List<byte>(4096);
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(request)) < 0)
        {
            var read = await network.ReadAsync(buffer).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            request.AddRange(buffer.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString(request.ToArray(), 0, headerEnd);
        var length = headers.Split("\r\n").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        for (var body = request.Count - headerEnd - 4; body < length; body += await network.ReadAsync(buffer).ConfigureAwait(false))
        {
        }

        await network.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
        foreach (var line in Stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var chunk = Encoding.UTF8.GetBytes(line + "\n\n");
            await network.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n")).ConfigureAwait(false);
            await network.WriteAsync(chunk).ConfigureAwait(false);
            await network.WriteAsync("\r\n"u8.ToArray()).ConfigureAwait(false);
            await network.FlushAsync().ConfigureAwait(false);
        }

        await network.WriteAsync("0\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
