namespace SloQuality.Core.Slo;

/// <summary>
/// An SLO's SLI over its window in equal steps, for a sparkline: each point is the SLI of the slices in
/// its step alone (null where the step has none). Points are detector rates, uncorrected by labels: the
/// line shows the trend, the evaluation beside it holds the figure.
/// </summary>
public sealed record SloSeries(string Slo, string ModelTarget, DateTimeOffset From, TimeSpan Step, IReadOnlyList<double?> Points)
{
    /// <summary>The series of every evaluation that has an SLI of its own (MTTR has none to draw).</summary>
    public static IReadOnlyList<SloSeries> For(SloSet set, IReadOnlyList<SloEvaluation> evaluations, IReadOnlyList<SliceAggregate> slices, int points)
    {
        var series = new List<SloSeries>();
        // Many SLOs share a target: each reads its target's slices, not every slice of the history.
        var byTarget = slices.GroupBy(s => s.ModelTarget, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var e in evaluations)
        {
            if (set.Slos.FirstOrDefault(s => s.Name == e.Slo) is not { } slo || slo.Sli == SliKinds.Mttr || e.EvaluatedAt <= e.WindowStart)
            {
                continue;
            }

            var ticks = Math.Max(SliceAggregate.Length.Ticks, (e.EvaluatedAt - e.WindowStart).Ticks / points);
            var step = TimeSpan.FromTicks(ticks - (ticks % SliceAggregate.Length.Ticks));
            var mine = byTarget.GetValueOrDefault(e.ModelTarget, []).Where(s => s.SliceStart >= e.WindowStart && s.SliceStart < e.EvaluatedAt && slo.Scope.Includes(s, slo.Sli))
                .GroupBy(s => (int)((s.SliceStart - e.WindowStart).Ticks / step.Ticks))
                .ToDictionary(g => g.Key, g => SliCalculator.Read(slo, set.Availability, SliCalculator.Sum(g)).Value);
            var count = (int)Math.Ceiling((e.EvaluatedAt - e.WindowStart).Ticks / (double)step.Ticks);
            series.Add(new SloSeries(e.Slo, e.ModelTarget, e.WindowStart, step, Enumerable.Range(0, count).Select(i => mine.GetValueOrDefault(i)).ToList()));
        }

        return series;
    }
}
