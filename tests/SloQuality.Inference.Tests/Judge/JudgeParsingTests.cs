using SloQuality.Inference.Judge;

namespace SloQuality.Inference.Tests.Judge;

public sealed class JudgeParsingTests
{
    [Fact]
    public void AJudgeAnswerThatIsNotTheAgreedJsonIsAProblemNotAVerdict()
    {
        Assert.NotNull(LlmHallucinationJudge.Parse("I think it is fine.").Problem);
        Assert.Null(LlmHallucinationJudge.Parse("{\"claims\": [{\"claim\": \"x\", \"verdict\": \"probably\"}]}").Hallucinated);
    }

    [Fact]
    public void AnyClaimNotSupportedMakesTheOutputHallucinatedEvenInsideACodeFence()
    {
        Assert.True(LlmHallucinationJudge.Parse("```json\n{\"claims\": [{\"claim\": \"x\", \"verdict\": \"supported\"}, {\"claim\": \"y\", \"verdict\": \"contradicted\"}]}\n```").Hallucinated);
        Assert.False(LlmHallucinationJudge.Parse("{\"claims\": [{\"claim\": \"x\", \"verdict\": \"Supported\"}]}").Hallucinated);
    }
}
