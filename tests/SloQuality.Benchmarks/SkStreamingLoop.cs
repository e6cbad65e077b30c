using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SloQuality.Core.Datasets;

namespace SloQuality.Benchmarks;

/// <summary>Semantic Kernel's own streaming and nothing else: the cost our pipeline is compared with.</summary>
internal sealed class SkStreamingLoop : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly OpenAIChatCompletionService chat;

    public SkStreamingLoop(Uri baseUri, string model)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUri,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        chat = new OpenAIChatCompletionService(model, new OpenAIClient(new ApiKeyCredential("no-key"), options));
    }

    public async Task<string> SendAsync(GoldenItem item, CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddUserMessage(item.Prompt);
        var output = new StringBuilder();
        await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, cancellationToken: cancellationToken))
        {
            output.Append(update.Content);
        }

        return output.ToString();
    }

    public void Dispose() => http.Dispose();
}
