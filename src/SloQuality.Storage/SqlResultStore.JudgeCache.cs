using Dapper;
using SloQuality.Core.Judge;

namespace SloQuality.Storage;

/// <summary>LLM judge responses by (judge model, prompt hash), shared by every process.</summary>
public abstract partial class SqlResultStore : IJudgeCache
{
    public async Task<string?> GetJudgeResponseAsync(string judgeModel, string promptHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT response FROM judge_cache WHERE judge_model = @judgeModel AND prompt_hash = @promptHash", new { judgeModel, promptHash }).ConfigureAwait(false);
    }

    public async Task PutJudgeResponseAsync(string judgeModel, string promptHash, string response, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO judge_cache (judge_model, prompt_hash, response, created_at) VALUES (@judgeModel, @promptHash, @response, @now) ON CONFLICT DO NOTHING",
            new { judgeModel, promptHash, response, now = Iso(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
    }
}
