using System.CommandLine;
using System.Text.Json;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Configuration;
using SloQuality.Core.Datasets;
using SloQuality.Core.Review;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// Human review. <c>sloq hitl sample --run RUN_ID --n N --out FILE.csv [--dataset PATH]</c> writes a
/// review sheet stratified into flagged, unflagged and borderline outputs; <c>sloq hitl import FILE.csv
/// [--training FILE.jsonl --dataset PATH]</c> stores the labels (the quality report then measures the
/// detector's precision and recall against them) and can append them as labelled outputs for
/// <c>sloq detector train</c>.
/// </summary>
public sealed class HitlCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Group(
        "hitl",
        "Human review: a sheet of outputs to label, and its labels back (they measure and correct the detector).",
        CommandSymbols.Leaf(
            "sample",
            "Writes a review sheet of a run's outputs, stratified into flagged, unflagged and borderline.",
            [
                CommandSymbols.Value("run", "RUN_ID", "the run to sample (summary.json's run_id)", required: true),
                CommandSymbols.Integer("n", "outputs on the sheet", 1, 10_000, defaultValue: 30),
                CommandSymbols.Value("out", "FILE.csv", "the sheet to write", required: true),
                CommandSymbols.Value("dataset", "PATH", "the dataset file, to put each item's prompt and reference on the sheet"),
                CommandSymbols.Integer("seed", "the sample's random seed", 0, int.MaxValue, defaultValue: 1),
                CommandSymbols.Config(),
                CommandSymbols.Store(),
            ],
            (parsed, cancellationToken) => new HitlCommand(stdout, stderr).SampleAsync(parsed, cancellationToken)),
        CommandSymbols.Leaf(
            "import",
            "Stores a labelled sheet; prints the detector's precision and recall against it and each run's corrected rate.",
            [
                CommandSymbols.One("FILE.csv", "the sheet 'sloq hitl sample' wrote, with its label column filled (yes or no)"),
                CommandSymbols.Value("training", "FILE.jsonl", "also append the labelled outputs here, as training data for 'sloq detector train' (needs --dataset)"),
                CommandSymbols.Value("dataset", "PATH", "the dataset file the sheet's items come from"),
                CommandSymbols.Config(),
                CommandSymbols.Store(),
            ],
            (parsed, cancellationToken) => new HitlCommand(stdout, stderr).ImportAsync(parsed.Positional[0], parsed, cancellationToken)));

    private async Task<int> SampleAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var runId = parsed.Required("run");
        var output = parsed.Required("out");
        var n = parsed.Integer("n", 30, 1, 10_000);
        await using var store = await OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
        if (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is null)
        {
            await stderr.WriteLineAsync($"sloq: no run '{runId}' in the store (the run id is in summary.json as run_id)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var results = await store.GetItemResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        var rows = ReviewSample.Pick(results, n, parsed.Integer("seed", 1, 0, int.MaxValue));
        var items = Items(parsed.Value("dataset"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, ReviewCsv.Write(runId, rows, items), cancellationToken).ConfigureAwait(false);
        var counts = rows.GroupBy(r => r.Stratum).Select(g => $"{g.Count()} {g.Key}");
        await stdout.WriteLineAsync($"wrote {rows.Count} outputs to review ({string.Join(", ", counts)}) to {output}; fill the label column with yes (hallucinated) or no, then 'sloq hitl import {output}'").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<int> ImportAsync(string file, Arguments parsed, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"sloq: {file}: no such file").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var (read, csvProblems) = ReviewCsv.Read(file);
        var problems = csvProblems.ToList();
        await using var store = await OpenAsync(parsed, cancellationToken).ConfigureAwait(false);

        // A label must name an output the store holds: a mistyped run or item id would be kept but never measured.
        var outputs = new Dictionary<string, HashSet<(string, int)>>(StringComparer.Ordinal);
        var labels = new List<ReviewLabel>();
        foreach (var label in read)
        {
            if (!outputs.TryGetValue(label.RunId, out var known))
            {
                known = (await store.GetItemResultsAsync(label.RunId, cancellationToken).ConfigureAwait(false)).Select(r => (r.ItemId, r.RepeatIndex)).ToHashSet();
                outputs[label.RunId] = known;
            }

            if (known.Contains((label.ItemId, label.Repeat)))
            {
                labels.Add(label);
            }
            else
            {
                problems.Add(new DatasetProblem(file, label.Line, $"run '{label.RunId}' has no output for item '{label.ItemId}' repeat {label.Repeat} in the store; expected a row of the sheet 'sloq hitl sample' wrote"));
            }
        }

        problems.ForEach(p => stderr.WriteLine(p.ToString()));
        await store.SaveReviewLabelsAsync(labels, cancellationToken).ConfigureAwait(false);
        var runs = labels.Select(l => l.RunId).ToHashSet(StringComparer.Ordinal);
        var reviewed = (await store.ReviewedAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false)).Where(r => runs.Contains(r.Label.RunId)).ToList();
        await stdout.WriteLineAsync($"imported {labels.Count} labels").ConfigureAwait(false);
        if (DetectorReview.Of(reviewed) is { } review)
        {
            await stdout.WriteLineAsync($"detector against these runs' labels: precision {Figure(review.Precision)}, recall {Figure(review.Recall)}, agreement {Figure(review.Agreement)}").ConfigureAwait(false);
        }

        await CorrectedRatesAsync(store, runs, parsed, cancellationToken).ConfigureAwait(false);

        if (parsed.Value("training") is { } training)
        {
            var items = Items(parsed.Required("dataset", "with --training"));
            var results = new Dictionary<(string, string, int), string>();
            foreach (var run in runs)
            {
                foreach (var r in await store.GetItemResultsAsync(run, cancellationToken).ConfigureAwait(false))
                {
                    results[(run, r.ItemId, r.RepeatIndex)] = r.Output;
                }
            }

            var lines = labels.Where(l => items!.ContainsKey(l.ItemId) && results.ContainsKey((l.RunId, l.ItemId, l.Repeat))).Select(l =>
            {
                var item = items![l.ItemId];
                return JsonSerializer.Serialize(new { id = item.Id, question = item.Prompt, reference = item.Reference, context = item.Context, incorrect = item.Incorrect, answerable = item.Answerable, output = results[(l.RunId, l.ItemId, l.Repeat)], hallucinated = l.Hallucinated });
            }).ToList();
            await File.AppendAllLinesAsync(training, lines, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"appended {lines.Count} labelled outputs to {training} (train with 'sloq detector train --data {training} ...')").ConfigureAwait(false);
        }

        return problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    /// <summary>Each labelled run's hallucination rate as the detector gave it and as the labels of its dataset correct it.</summary>
    private async Task CorrectedRatesAsync(SqliteResultStore store, IEnumerable<string> runs, Arguments parsed, CancellationToken cancellationToken)
    {
        var options = HallucinationSettings.Load(parsed.Config).Settings.Correction;
        var now = DateTimeOffset.UtcNow;
        foreach (var runId in runs.Order(StringComparer.Ordinal))
        {
            if (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
            {
                continue;
            }

            var results = await store.GetItemResultsAsync(runId, cancellationToken).ConfigureAwait(false);
            var answered = results.Where(r => r.Error is null && r.Hallucinated is not null).ToList();
            var detector = Core.Statistics.RateEstimate.Wilson(answered.Count(r => r.Hallucinated == true), answered.Count);
            var labels = await store.LabelsAsync(run.DatasetName, now - options.Window, now.AddMinutes(1), cancellationToken).ConfigureAwait(false);
            var (estimate, note) = Core.Hallucination.Correction.HallucinationCorrector.Correct(labels, results, options);
            await stdout.WriteLineAsync(estimate is null
                ? $"run {runId} ({run.DatasetName}): hallucination rate {Figure(detector)} by the detector; not corrected: {note}"
                : FormattableString.Invariant($"run {runId} ({run.DatasetName}): hallucination rate {Figure(detector)} by the detector, corrected {estimate.Rate:0.000} [{estimate.Low:0.000}, {estimate.High:0.000}] by {estimate.Labels} labels (detector sensitivity {estimate.Sensitivity:0.000}, specificity {estimate.Specificity:0.000}; {estimate.Method})")).ConfigureAwait(false);
        }
    }

    private static string Figure(Core.Statistics.RateEstimate r) =>
        r.Rate is null ? "n/a (n = 0)" : FormattableString.Invariant($"{r.Rate:0.000} [{r.Low:0.000}, {r.High:0.000}] (n = {r.N})");

    private static Dictionary<string, GoldenItem>? Items(string? dataset) =>
        dataset is null ? null : GoldenDatasetLoader.Load(dataset).Dataset?.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);

    private static async Task<SqliteResultStore> OpenAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }
}
