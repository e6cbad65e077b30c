using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Judge;

namespace SloQuality.Inference.Judge;

/// <summary>
/// The LLM judge over a whole run: every answered output (a result with a hallucination verdict) is
/// judged, a few at a time, and compared with the detector's verdict. Cached responses are not asked
/// again, so a retried finalisation costs nothing.
/// </summary>
public sealed class RunJudge(string targetName, LlmHallucinationJudge judge, int concurrency = RunJudge.DefaultConcurrency) : IRunJudge, IDisposable
{
    /// <summary>Outputs judged at once. Default 8.</summary>
    public const int DefaultConcurrency = 8;

    /// <summary>The judge's model target, as <c>targets.yaml</c> names it.</summary>
    public string TargetName => targetName;

    public async Task<JudgeAgreement> JudgeAsync(GoldenDataset dataset, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var items = dataset.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var answered = results.Where(r => r.Error is null && r.Hallucinated is not null && items.ContainsKey(r.ItemId)).ToList();
        var verdicts = new JudgeVerdict[answered.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, answered.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => verdicts[i] = await judge.JudgeAsync(items[answered[i].ItemId], answered[i].Output, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return JudgeAgreement.Of(targetName, answered.Select((r, i) => (r.Hallucinated!.Value, verdicts[i])).ToList());
    }

    public void Dispose() => judge.Dispose();
}
