using System.CommandLine;
using System.Globalization;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Drift;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq baseline promote --run RUN_ID | --signoff SIGNOFF_ID [--noise-run RUN_ID] [--approver NAME]</c> makes a completed run (or every candidate run of an approved sign-off)
/// the baseline of its (model target, dataset), with its noise floor; <c>sloq baseline show</c> lists the
/// current baselines.
/// </summary>
public sealed class BaselineCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Group(
        "baseline",
        "The approved runs that drift is measured against.",
        CommandSymbols.Leaf(
            "promote",
            "Makes a completed run (or every candidate run of an approved sign-off) the drift baseline of its model target and dataset.",
            [
                CommandSymbols.Value("run", "RUN_ID", "the run to promote (summary.json's run_id)"),
                CommandSymbols.Value("signoff", "SIGNOFF_ID", "promote every candidate run of this approved sign-off instead"),
                CommandSymbols.Value("noise-run", "RUN_ID", "a second run of the same target and dataset as the noise floor [default: the run's own repeats, --repeat 2+]"),
                CommandSymbols.Value("approver", "NAME", "who approves the baseline [default: the user name]"),
                CommandSymbols.Config(),
                CommandSymbols.Store(),
            ],
            (parsed, cancellationToken) => new BaselineCommand(stdout, stderr).PromoteAsync(parsed, cancellationToken)),
        CommandSymbols.Leaf(
            "show",
            "Lists the current baselines with their noise floors.",
            [
                CommandSymbols.Value("model", "NAME", "only this model target's"),
                CommandSymbols.Value("dataset", "NAME", "only this dataset's"),
                CommandSymbols.Store(),
            ],
            (parsed, cancellationToken) => new BaselineCommand(stdout, stderr).ShowAsync(parsed, cancellationToken)));

    private async Task<int> PromoteAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        using var drift = DriftServices.Load(parsed.Config, stderr);
        if (drift is null)
        {
            return ExitCodes.BadInput;
        }

        await using var store = await OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
        var runIds = parsed.Value("signoff") is { } signoffId ? await SignedOffRunsAsync(store, signoffId, cancellationToken).ConfigureAwait(false) : [parsed.Required("run", "(or --signoff SIGNOFF_ID)")];
        if (runIds is null)
        {
            return ExitCodes.BadInput;
        }

        var promotion = new BaselinePromotion(store, store, new EmbeddingCache(drift.Generator, store), TimeProvider.System);
        foreach (var runId in runIds)
        {
            var result = await PromoteOneAsync(promotion, runId, parsed, cancellationToken).ConfigureAwait(false);
            if (result != ExitCodes.Success)
            {
                return result;
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>The candidate runs of an approved sign-off (one per dataset); null, with the reason printed, otherwise.</summary>
    private async Task<IReadOnlyList<string>?> SignedOffRunsAsync(Storage.Sqlite.SqliteResultStore store, string signoffId, CancellationToken cancellationToken)
    {
        var json = await store.GetSignoffAsync(signoffId, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            await stderr.WriteLineAsync($"sloq: no sign-off '{signoffId}' in the store").ConfigureAwait(false);
            return null;
        }

        var record = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var verdict = record["result"]?["verdict"]?.GetValue<string>();
        if (verdict != Core.Signoff.SignoffVerdict.Approved)
        {
            await stderr.WriteLineAsync($"sloq: sign-off '{signoffId}' is {verdict}, not approved: its candidate's runs cannot become baselines").ConfigureAwait(false);
            return null;
        }

        return record["datasets"]!.AsArray().Select(d => d!["candidate_run_id"]!.GetValue<string>()).ToList();
    }

    private async Task<int> PromoteOneAsync(BaselinePromotion promotion, string runId, Arguments parsed, CancellationToken cancellationToken)
    {
        var (baseline, problem) = await promotion.PromoteAsync(runId, parsed.Value("noise-run"), parsed.Value("approver") ?? Environment.UserName, cancellationToken).ConfigureAwait(false);
        if (baseline is null)
        {
            await stderr.WriteLineAsync($"sloq: {problem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await stdout.WriteLineAsync($"promoted {baseline.RunId} as the baseline of {baseline.DatasetName} on {baseline.ModelTarget}").ConfigureAwait(false);
        await stdout.WriteLineAsync(baseline.Noise is { } noise
            ? string.Create(CultureInfo.InvariantCulture, $"noise floor: mean similarity {noise.Mean:0.0000} over {noise.Similarities.Count} items ({noise.Source})")
            : "noise floor: none (promote a run made with --repeat 2 or more, or add --noise-run RUN_ID); drift will be judged against the absolute threshold").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<int> ShowAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
        var all = await store.ListCurrentAsync(cancellationToken).ConfigureAwait(false);
        var shown = all
            .Where(b => parsed.Value("model") is not { } m || b.ModelTarget == m)
            .Where(b => parsed.Value("dataset") is not { } d || b.DatasetName == d)
            .ToList();
        if (shown.Count == 0)
        {
            await stdout.WriteLineAsync("no baselines yet: promote a run with 'sloq baseline promote --run RUN_ID'").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await stdout.WriteLineAsync("model target\tdataset\trun\tdataset version\tpromoted at\tby\tnoise floor").ConfigureAwait(false);
        foreach (var b in shown)
        {
            var noise = b.Noise is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n.Mean:0.0000} over {n.Similarities.Count} items") : "none";
            await stdout.WriteLineAsync($"{b.ModelTarget}\t{b.DatasetName}\t{b.RunId}\t{b.DatasetHash[..12]}\t{b.PromotedAt:u}\t{b.PromotedBy ?? "-"}\t{noise}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task<SqliteResultStore> OpenAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }
}
