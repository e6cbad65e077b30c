using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;

namespace SloQuality.Core.Judge;

/// <summary>
/// A second opinion on a finished run: checks every answered output of the run (an LLM judge, say) and
/// says how often it agrees with the run's own hallucination verdicts. Failures to judge an output are
/// counted as unjudged in the agreement, never thrown.
/// </summary>
public interface IRunJudge
{
    Task<JudgeAgreement> JudgeAsync(GoldenDataset dataset, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken);
}
