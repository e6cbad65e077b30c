namespace SloQuality.Core.Judge;

/// <summary>Judge responses by (judge model, prompt hash): the same question to the same judge is asked once.</summary>
public interface IJudgeCache
{
    Task<string?> GetJudgeResponseAsync(string judgeModel, string promptHash, CancellationToken cancellationToken);

    Task PutJudgeResponseAsync(string judgeModel, string promptHash, string response, CancellationToken cancellationToken);
}
