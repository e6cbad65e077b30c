using System.CommandLine;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Retention;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq prune [--days N] [--runs DIR]</c>: what the service's daily "prune history" job does, now:
/// item rows, unused embeddings, run plans and report folders older than the retention go; run
/// summaries, slices, SLO evaluations, baselines, labels and sign-offs stay, so SLO history stays exact.
/// </summary>
public static class PruneCommand
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "prune",
        "Prunes item-level history older than the retention; SLO history (summaries, slices, evaluations), baselines, labels and sign-offs stay.",
        [
            CommandSymbols.Value("days", "N", $"keep this many days, at least {RetentionOptions.MinimumDays} [default: {RetentionOptions.Variable}]"),
            CommandSymbols.Value("runs", "DIR", "the service's run report folders (OUT/runs/TARGET/DATASET/RUN_ID)", Path.Combine("out", "runs")),
            CommandSymbols.Store(),
        ],
        (parsed, cancellationToken) => RunAsync(parsed, stdout, stderr, cancellationToken));

    private static async Task<int> RunAsync(Arguments parsed, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (retention, problem) = parsed.Value("days") is { } days
            ? RetentionOptions.Parse(days, "--days")
            : RetentionOptions.FromEnvironment(Environment.GetEnvironmentVariable);
        if (retention is null)
        {
            await stderr.WriteLineAsync($"sloq: {problem ?? $"--days N is required when {RetentionOptions.Variable} is not set"}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var summary = await new HistoryPruner(store, TimeProvider.System).PruneAsync(retention, parsed.Value("runs"), cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
