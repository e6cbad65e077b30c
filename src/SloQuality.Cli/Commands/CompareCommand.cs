using System.CommandLine;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Comparison;
using SloQuality.Core.Datasets;
using SloQuality.Core.Drift;
using SloQuality.Core.Reports;
using SloQuality.Core.Signoff;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq compare RUN_A RUN_B [--markdown FILE] [--dataset PATH] [--config DIR] [--store FILE]</c>: two runs of
/// one dataset side by side, as the service's <c>/compare</c> page shows them; the paired tests are the
/// sign-off's (B against A), the drift is between the two runs' outputs.
/// </summary>
public sealed class CompareCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "compare",
        "Two runs of one dataset side by side: the paired tests (B against A), the drift between their outputs, and the items whose verdict or output changed.",
        [
            CommandSymbols.One("RUN_A", "the run compared against (summary.json's run_id)"),
            CommandSymbols.One("RUN_B", "the run compared"),
            CommandSymbols.Value("markdown", "FILE", "also write the comparison as Markdown"),
            CommandSymbols.Value("dataset", "PATH", "the dataset file, to show each item's prompt and reference"),
            CommandSymbols.Config(),
            CommandSymbols.Store(),
        ],
        (parsed, cancellationToken) => new CompareCommand(stdout, stderr).RunAsync(parsed, cancellationToken));

    public async Task<int> RunAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var (runA, runB) = (parsed.Positional[0], parsed.Positional[1]);

        using var drift = DriftServices.Load(parsed.Config, stderr);
        if (drift is null)
        {
            return ExitCodes.BadInput;
        }

        IReadOnlyDictionary<string, GoldenItem>? items = null;
        if (parsed.Value("dataset") is { } path)
        {
            if (GoldenDatasetLoader.LoadAll([path]) is not [var loaded])
            {
                throw new UsageException($"--dataset {path}: expected one dataset file");
            }

            if (loaded.Dataset is null)
            {
                foreach (var problem in loaded.Problems)
                {
                    await stderr.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            items = ReportFigures.ItemsById(loaded.Dataset);
        }

        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var comparer = new RunComparer(store, new EmbeddingCache(drift.Generator, store), drift.Options, new SignoffPolicy());
        var (comparison, refused) = await comparer.CompareAsync(runA, runB, items, cancellationToken).ConfigureAwait(false);
        if (comparison is null)
        {
            await stderr.WriteLineAsync($"sloq: {refused}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await stdout.WriteAsync(ComparisonText.Render(comparison, withOutputs: false)).ConfigureAwait(false);
        if (parsed.Value("markdown") is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, ComparisonText.Render(comparison, withOutputs: true), cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"\nwrote {markdown}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
