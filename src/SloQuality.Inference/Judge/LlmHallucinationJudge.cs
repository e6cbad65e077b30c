using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Microsoft.SemanticKernel;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Judge;

namespace SloQuality.Inference.Judge;

/// <summary>
/// An optional LLM judge: a Semantic Kernel prompt function asks a judge model target to split the
/// output into claims and verify each against the item's evidence. Responses are cached by (judge
/// model, prompt hash), so a re-run asks nothing twice and a flaky judge cannot flip a verdict it
/// already gave. Failures come back as a verdict with a problem, never as an exception.
/// </summary>
public sealed class LlmHallucinationJudge : IDisposable
{
    private readonly Kernel kernel;
    private readonly KernelFunction function;
    private readonly IJudgeCache cache;
    private readonly HttpClient http;
    private readonly string model;

    public LlmHallucinationJudge(ModelTarget judge, Uri endpoint, string? apiKey, IJudgeCache cache)
    {
        this.cache = cache;
        model = judge.Model ?? judge.Name;
        http = new HttpClient { Timeout = judge.Timeout };
        kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(model, endpoint, apiKey ?? "no-key", httpClient: http).Build();
        function = kernel.CreateFunctionFromPrompt(JudgePrompt.Template, new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = 1024 }, "judge_claims");
    }

    public string TargetName => model;

    public async Task<JudgeVerdict> JudgeAsync(GoldenItem item, string output, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments
        {
            ["question"] = item.Prompt,
            ["evidence"] = Lines(item.Reference.Concat(item.Context)),
            ["known_false"] = Lines(item.Incorrect),
            ["answer"] = output,
        };
        var hash = Hash(arguments);
        var cached = await cache.GetJudgeResponseAsync(model, hash, cancellationToken).ConfigureAwait(false);
        string response;
        if (cached is not null)
        {
            response = cached;
        }
        else
        {
            try
            {
                var result = await kernel.InvokeAsync(function, arguments, cancellationToken).ConfigureAwait(false);
                response = result.GetValue<string>() ?? string.Empty;
            }
            catch (Exception e) when (e is HttpRequestException or KernelException or TaskCanceledException or System.ClientModel.ClientResultException && !cancellationToken.IsCancellationRequested)
            {
                return new JudgeVerdict(null, [], false, $"the judge did not answer: {e.GetType().Name}");
            }
        }

        var verdict = Parse(response) with { Cached = cached is not null };
        if (cached is null && verdict.Problem is null)
        {
            await cache.PutJudgeResponseAsync(model, hash, response, cancellationToken).ConfigureAwait(false);
        }

        return verdict;
    }

    public void Dispose() => http.Dispose();

    internal static JudgeVerdict Parse(string response)
    {
        var text = response.Trim();
        var (start, end) = (text.IndexOf('{'), text.LastIndexOf('}'));
        if (start < 0 || end <= start)
        {
            return new JudgeVerdict(null, [], false, "the judge's answer holds no JSON object");
        }

        try
        {
            using var json = JsonDocument.Parse(text[start..(end + 1)]);
            var claims = json.RootElement.GetProperty("claims").EnumerateArray()
                .Select(c => new JudgedClaim(c.GetProperty("claim").GetString() ?? string.Empty, (c.GetProperty("verdict").GetString() ?? string.Empty).ToLowerInvariant()))
                .ToList();
            if (claims.Any(c => c.Verdict is not ("supported" or "unsupported" or "contradicted")))
            {
                return new JudgeVerdict(null, claims, false, "the judge gave a verdict other than supported, unsupported or contradicted");
            }

            return new JudgeVerdict(claims.Any(c => c.Verdict != "supported"), claims, false);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new JudgeVerdict(null, [], false, "the judge's JSON is not {\"claims\": [{\"claim\", \"verdict\"}]}");
        }
    }

    private static string Lines(IEnumerable<string> texts)
    {
        var list = texts.ToList();
        return list.Count == 0 ? "(none)" : string.Join('\n', list);
    }

    private static string Hash(KernelArguments arguments)
    {
        var text = JudgePrompt.Template + "\u0000" + string.Join("\u0000", arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
