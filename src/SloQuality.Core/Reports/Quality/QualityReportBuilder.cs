using System.Text.Json;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Reports.Quality;

/// <summary>
/// Builds a daily or weekly <see cref="QualityReport"/> from the result store alone: the SLO fold as of
/// the period's end (or now, for a period still running), the same as of the previous period's end for
/// the changes, daily SLI values for the trends, and the period's runs for the worst items.
/// </summary>
/// <param name="reviews">Human labels: the detector measured against them, and hallucination rates corrected by them.</param>
public sealed class QualityReportBuilder(ISloSliceStore sliceStore, IResultStore results, TimeProvider time, Review.IReviewStore? reviews = null, Hallucination.Correction.CorrectionOptions? correction = null)
{
    private const int WorstItems = 10;
    private const int TrendDays = 30;
    private const int BurnDownPoints = 24;

    public async Task<QualityReport> BuildAsync(SloSet set, string kind, string period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var asOf = to < now ? to : now;
        var lookback = set.Slos.Select(SloFold.Lookback).Append(TimeSpan.FromDays(TrendDays)).Max() + (to - from);
        var slices = await sliceStore.ReadSlicesAsync(asOf - lookback, asOf, cancellationToken).ConfigureAwait(false);
        var runs = (await results.GetRunsAsync(from, to, cancellationToken).ConfigureAwait(false)).Where(r => r.Run.Status == RunRecord.Completed && r.Run.Origin != RunOrigins.Signoff).ToList();
        var fold = new SloFold(set, reviews is null ? null : await FoldLabels.LoadAsync(reviews, slices, asOf - lookback, asOf, correction, cancellationToken).ConfigureAwait(false));
        var targets = slices.Where(s => s.SliceStart >= asOf - TimeSpan.FromDays(TrendDays) && s.Origin != RunOrigins.Signoff).Select(s => s.ModelTarget)
            .Concat(runs.Select(r => r.Run.ModelTarget))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var reports = new List<TargetReport>();
        foreach (var target in targets)
        {
            var slos = set.Slos.Where(s => s.Sli == SliKinds.Mttr || s.Scope.Targets.Count == 0 || s.Scope.Targets.Contains(target)).ToList();
            var current = slos.Select(s => EvaluateAt(fold, s, target, asOf, slices, withIncidents: true)).ToList();
            var previous = slos.Select(s => EvaluateAt(fold, s, target, from, slices, withIncidents: false)).ToList();
            var targetRuns = runs.Where(r => r.Run.ModelTarget == target).ToList();
            var (hallucinations, drift, slowest) = await WorstAsync(targetRuns, cancellationToken).ConfigureAwait(false);
            reports.Add(new TargetReport(
                target,
                current,
                slos.Where(s => s.Sli != SliKinds.Mttr).Select(s => Trend(set, s, target, asOf, slices)).ToList(),
                slos.Where(s => s.Sli != SliKinds.Mttr).Select(s => BurnDown(fold, s, target, asOf, slices)).ToList(),
                hallucinations,
                drift,
                slowest,
                Changes(previous, current),
                targetRuns.Count));
        }

        var reviewed = reviews is null ? [] : await reviews.ReviewedAsync(from, to, cancellationToken).ConfigureAwait(false);
        return new QualityReport(kind, period, from, to, asOf, now, reports) { DetectorReview = Review.DetectorReview.Of(reviewed) };
    }

    /// <summary>The SLO over the window holding the instant just before <paramref name="at"/> (the period's last moment).</summary>
    private static SloEvaluation EvaluateAt(SloFold fold, SloDefinition slo, string target, DateTimeOffset at, IReadOnlyList<SliceAggregate> slices, bool withIncidents)
    {
        var (start, end) = SloWindows.Containing(slo.Window, slo.Window.IsCalendar ? at.AddTicks(-1) : at);
        return fold.Evaluate(slo, target, start, end, at, slices, withIncidents);
    }

    private static TrendSeries Trend(SloSet set, SloDefinition slo, string target, DateTimeOffset asOf, IReadOnlyList<SliceAggregate> slices)
    {
        var lastDay = SliceAggregate.Floor(asOf).UtcDateTime.Date;
        var days = Enumerable.Range(0, TrendDays).Select(i => new DateTimeOffset(lastDay.AddDays(i - TrendDays + 1), TimeSpan.Zero)).ToList();
        var byDay = slices.Where(s => s.ModelTarget == target && slo.Scope.Includes(s, slo.Sli))
            .GroupBy(s => s.SliceStart.UtcDateTime.Date)
            .ToDictionary(g => g.Key, g => SliCalculator.Read(slo, set.Availability, SliCalculator.Sum(g)).Value);
        return new TrendSeries(slo.Name, slo.Sli, slo.Target, days, days.Select(d => byDay.GetValueOrDefault(d.UtcDateTime.Date)).ToList());
    }

    private static BurnDownSeries BurnDown(SloFold fold, SloDefinition slo, string target, DateTimeOffset asOf, IReadOnlyList<SliceAggregate> slices)
    {
        var (windowStart, _) = SloWindows.Containing(slo.Window, slo.Window.IsCalendar ? asOf.AddTicks(-1) : asOf);
        var step = (asOf - windowStart) / BurnDownPoints;
        var points = Enumerable.Range(1, BurnDownPoints).Select(i => windowStart + (step * i)).ToList();
        return new BurnDownSeries(slo.Name, points, points.Select(p => EvaluateAt(fold, slo, target, p, slices, withIncidents: false).Budget.RemainingShare).ToList());
    }

    private async Task<(List<WorstItem> Hallucinations, List<WorstItem> Drift, List<WorstItem> Slowest)> WorstAsync(List<StoredRun> runs, CancellationToken cancellationToken)
    {
        var items = new List<(StoredRun Run, ItemResult Item)>();
        foreach (var run in runs)
        {
            items.AddRange((await results.GetItemResultsAsync(run.Run.RunId, cancellationToken).ConfigureAwait(false)).Select(i => (run, i)));
        }

        var hallucinations = items.Where(x => x.Item.Hallucinated == true).OrderByDescending(x => x.Item.HallucinationScore).Take(WorstItems)
            .Select(x => Worst(x.Run, x.Item, x.Item.HallucinationScore, null)).ToList();
        var slowest = items.Where(x => x.Item.TtftMs is not null).OrderByDescending(x => x.Item.TtftMs).Take(WorstItems)
            .Select(x => Worst(x.Run, x.Item, x.Item.TtftMs, null)).ToList();
        var drift = new List<WorstItem>();
        var baselines = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (run, item) in items.Where(x => x.Item.DriftSimilarity is not null).OrderBy(x => x.Item.DriftSimilarity).Take(WorstItems))
        {
            var baselineRun = BaselineRunOf(run.SummaryJson);
            if (baselineRun is not null && !baselines.ContainsKey(baselineRun))
            {
                baselines[baselineRun] = (await results.GetItemResultsAsync(baselineRun, cancellationToken).ConfigureAwait(false))
                    .Where(i => i.RepeatIndex == 0).ToDictionary(i => i.ItemId, i => i.Output, StringComparer.Ordinal);
            }

            var baselineText = baselineRun is null ? null : baselines[baselineRun].GetValueOrDefault(item.ItemId);
            drift.Add(Worst(run, item, item.DriftSimilarity, baselineText));
        }

        return (hallucinations, drift, slowest);
    }

    private static WorstItem Worst(StoredRun run, ItemResult item, double? score, string? baseline) =>
        new(run.Run.RunId, run.Run.DatasetName, item.ItemId, item.Output, score, item.UnsupportedClaims, baseline);

    private static string? BaselineRunOf(string? summaryJson)
    {
        if (summaryJson is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(summaryJson);
        return document.RootElement.TryGetProperty("drift", out var drift) && drift.ValueKind == JsonValueKind.Object
            && drift.TryGetProperty("baseline_run_id", out var id) ? id.GetString() : null;
    }

    private static List<ReportChange> Changes(List<SloEvaluation> before, List<SloEvaluation> after) =>
        before.Zip(after)
            .Where(p => p.First.Status != p.Second.Status || p.First.Alert.State != p.Second.Alert.State || p.First.Value != p.Second.Value)
            .Select(p => new ReportChange(p.Second.Slo, p.First.Status, p.Second.Status, p.First.Alert.State, p.Second.Alert.State, p.First.Value, p.Second.Value))
            .ToList();
}
