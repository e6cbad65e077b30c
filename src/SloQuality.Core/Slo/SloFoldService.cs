using System.Text.Json;
using SloQuality.Core.Reports;

namespace SloQuality.Core.Slo;

/// <summary>
/// Runs the fold from the result store alone: evaluates every SLO for every model target it covers,
/// catching up each calendar day and week (and each day's snapshot of a rolling window) that has data
/// but no complete evaluation yet, so nothing depends on a scheduler having fired. Returns the
/// evaluations of the windows holding "now".
/// </summary>
/// <param name="labels">Where human labels are kept; with them every hallucination rate is corrected where a dataset has enough.</param>
public sealed class SloFoldService(ISloSliceStore store, TimeProvider time, Review.IReviewStore? labels = null, Hallucination.Correction.CorrectionOptions? correction = null)
{
    /// <summary>
    /// The fold as the product runs it: hallucination rates corrected by the human labels the store keeps,
    /// as <c>hallucination.yaml</c> in <paramref name="configFolder"/> selects them (every result store
    /// keeps labels; a slice store that keeps none folds the detector's rates).
    /// </summary>
    public static SloFoldService Create(ISloSliceStore store, TimeProvider time, string configFolder) =>
        new(store, time, store as Review.IReviewStore, Configuration.HallucinationSettings.Load(configFolder).Settings.Correction);

    /// <summary>How far back the fold reads slices at most (catch-up further back is not attempted).</summary>
    public static readonly TimeSpan MaximumHistory = TimeSpan.FromDays(400);

    /// <param name="seriesPoints">With more than 0, each current evaluation's SLI over its window in that many steps.</param>
    public async Task<SloFoldResult> FoldAsync(SloSet set, CancellationToken cancellationToken, int seriesPoints = 0)
    {
        var now = time.GetUtcNow();
        var first = await store.FirstSliceAsync(cancellationToken).ConfigureAwait(false);
        var from = first is { } f && f > now - MaximumHistory ? f : now - MaximumHistory;
        var slices = first is null ? [] : await store.ReadSlicesAsync(from, now, cancellationToken).ConfigureAwait(false);
        var fold = new SloFold(set, labels is null ? null : await FoldLabels.LoadAsync(labels, slices, from, now, correction, cancellationToken).ConfigureAwait(false));
        var current = new List<SloEvaluation>();
        var caughtUp = 0;
        foreach (var slo in set.Slos)
        {
            var scope = slo.Sli == SliKinds.Mttr ? set.Slos.Single(s => s.Name == slo.Of).Scope : slo.Scope;
            var targets = slices.Where(s => scope.CoversOrigin(s.Origin)).Select(s => s.ModelTarget).Concat(scope.Targets).Distinct(StringComparer.Ordinal)
                .Where(t => scope.Targets.Count == 0 || scope.Targets.Contains(t, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var target in targets)
            {
                var done = await store.CompleteEvaluationsAsync(slo.Name, target, cancellationToken).ConfigureAwait(false);
                foreach (var (start, end) in PastWindows(slo.Window, from, now).Where(w => !done.Contains(w.Start)))
                {
                    // Past windows keep their figures; the 90-day incident history is only worth computing for now.
                    await SaveAsync(fold.Evaluate(slo, target, start, end, now, slices, withIncidents: false), cancellationToken).ConfigureAwait(false);
                    caughtUp++;
                }

                var (currentStart, currentEnd) = SloWindows.Containing(slo.Window, now);
                var evaluation = fold.Evaluate(slo, target, currentStart, currentEnd, now, slices);
                if (slo.Window.IsCalendar)
                {
                    await SaveAsync(evaluation, cancellationToken).ConfigureAwait(false);
                }

                current.Add(evaluation);
            }
        }

        return new SloFoldResult(now, current, caughtUp, seriesPoints > 0 ? SloSeries.For(set, current, slices, seriesPoints) : null);
    }

    /// <summary>
    /// Completed windows since the first data: calendar days or weeks, or for a rolling window the
    /// snapshot at the end of each day (so its history can be charted and compared).
    /// </summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> PastWindows(SloWindow window, DateTimeOffset from, DateTimeOffset now)
    {
        if (window.IsCalendar)
        {
            return SloWindows.Between(window, from, now).Where(w => w.End <= now);
        }

        var days = SloWindows.Between(window with { Kind = SloWindow.Daily }, from, now).Where(d => d.End <= now);
        return days.Select(d => (d.End - window.Period, d.End));
    }

    private Task SaveAsync(SloEvaluation evaluation, CancellationToken cancellationToken) =>
        store.SaveEvaluationAsync(evaluation, JsonSerializer.Serialize(evaluation, SloqJson.Compact), cancellationToken);
}
