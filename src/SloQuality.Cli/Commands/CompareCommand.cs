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
    private static readonly HashSet<string> Options = ["markdown", "dataset", "config", "store"];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parsed = Arguments.Parse(args, Options, new HashSet<string>());
        if (parsed.Positional is not [var runA, var runB])
        {
            throw new UsageException("expected two run ids: sloq compare RUN_A RUN_B [--markdown FILE]");
        }

        using var drift = DriftServices.Load(parsed.Value("config") ?? "jobs", stderr);
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

        await using var store = new SqliteResultStore(parsed.Value("store") ?? Path.Combine(".sloq", "results.db"));
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
