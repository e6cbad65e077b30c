using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Signoff;
using SloQuality.Core.Slo;

namespace SloQuality.Jobs;

/// <summary>
/// A sign-off started from the API: the same <see cref="SignoffRunner"/> as <c>sloq signoff</c>, on every
/// valid dataset of the service, with <c>signoff.yaml</c> and <c>slos.yaml</c> from its configuration.
/// Its result (the sign-off id) shows in the dashboard; the record is listed at <c>/api/signoffs</c>.
/// </summary>
public sealed class SignoffJob(IResultStore results, ISignoffStore signoffs, EvaluationRunner runner, IModelClientProvider clients, DatasetCatalog catalog, JobsOptions options, TimeProvider time, ILogger<SignoffJob> logger, DriftServices? drift = null)
{
    /// <summary>How old a baseline run may be to be reused instead of running the baseline again.</summary>
    public static readonly TimeSpan MaxBaselineAge = TimeSpan.FromDays(7);

    [DisplayName("sign off {0} against {1}")]
    [AutomaticRetry(Attempts = 0)] // a sign-off is asked for by a person: a failure is shown, not repeated
    public async Task<string> RunAsync(string candidate, string baseline, string? approver, CancellationToken cancellationToken)
    {
        var (slos, sloProblems) = SloCatalog.Load(options.ConfigFolder);
        var (policy, policyProblems) = SignoffPolicyFile.Load(Path.Combine(options.ConfigFolder, SignoffPolicyFile.FileName), slos.Slos.Select(s => s.Name).ToList());
        if (policyProblems.Count + sloProblems.Count > 0)
        {
            throw new InvalidOperationException("the sign-off configuration is invalid:\n" + string.Join("\n", policyProblems.Concat(sloProblems)));
        }

        var datasets = catalog.LoadAll().Select(d => d.Dataset).OfType<GoldenDataset>().ToList();
        var (record, problem) = await new SignoffRunner(results, signoffs, runner, policy, slos, time, drift?.Embeddings, drift?.Options)
            .RunAsync(new SignoffRequest(candidate, baseline, approver, MaxBaselineAge), datasets, t => clients.Get(t), line => logger.LogInformation("{Line}", line), cancellationToken)
            .ConfigureAwait(false);
        return record is null
            ? throw new InvalidOperationException($"the sign-off of {candidate} against {baseline} did not run: {problem}")
            : $"{record.SignoffId}: {record.Result.Verdict}";
    }
}
