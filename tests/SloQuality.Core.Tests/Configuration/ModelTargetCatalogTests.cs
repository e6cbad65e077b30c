using SloQuality.Core.Configuration;

namespace SloQuality.Core.Tests.Configuration;

public sealed class ModelTargetCatalogTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ATargetNamesTheFieldItsServerReadsForTheTokenLimit()
    {
        folder.Write("targets.yaml", """
            targets:
              - { name: old-vllm, provider: openai, endpoint: "http://127.0.0.1:8000/v1", model: m, token_limit_field: max_tokens }
              - { name: openai, provider: openai, endpoint: "https://api.openai.com/v1", model: m }
            """ + "\n");

        var (targets, problems) = ModelTargetCatalog.Load(folder.Path);

        Assert.Empty(problems);
        Assert.Equal([ModelTarget.MaxTokensField, ModelTarget.MaxCompletionTokens], targets.Select(t => t.TokenLimitField));
    }

    [Fact]
    public void AnUnknownTokenLimitFieldIsAProblemAtItsLine()
    {
        var path = folder.Write("targets.yaml", "targets:\n  - name: x\n    provider: openai\n    endpoint: http://127.0.0.1:8000/v1\n    model: m\n    token_limit_field: max_new_tokens\n");

        var (_, problems) = ModelTargetCatalog.Load(folder.Path);

        Assert.Equal([$"{path}:6: 'token_limit_field' \"max_new_tokens\" is not known, expected max_completion_tokens or max_tokens"], problems.Select(p => p.ToString()));
    }
}
