using System.Text;
using System.Text.Json.Nodes;

namespace SloQuality.Inference.OpenAi;

/// <summary>
/// For servers that read only <c>max_tokens</c> (older vLLM, TGI, some llama.cpp builds): the OpenAI
/// SDK always sends <c>max_completion_tokens</c>, so the request body is rewritten on its way out.
/// Only targets with <c>token_limit_field: max_tokens</c> pay for the rewrite.
/// </summary>
internal sealed class TokenLimitFieldHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/json")
        {
            var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (JsonNode.Parse(body) is JsonObject json && json.Remove("max_completion_tokens", out var limit))
            {
                json["max_tokens"] = limit;
                request.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
