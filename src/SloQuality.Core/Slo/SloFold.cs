using System.Globalization;

namespace SloQuality.Core.Slo;

/// <summary>
/// Folds slice aggregates into an SLO's evaluation for one model target and window: SLI, status, error
/// budget, burn rates, multiwindow alerts, projected exhaustion, incidents and MTTR. Pure: the slices go
/// in, the evaluation comes out; time is whatever instant the caller passes.
/// </summary>
/// <param name="labels">Human labels by dataset; hallucination rates are corrected with those of the 90 days before each evaluation.</param>
public sealed class SloFold(SloSet set, FoldLabels? labels = null)
{
    /// <summary>Range sums kept for reuse; several SLOs over one target ask for the same windows.</summary>
    private const int MaximumCachedSums = 512;

    private readonly Dictionary<(string Target, string Scope, bool Production), List<SliceAggregate>> byTarget = [];
    private readonly Dictionary<(List<SliceAggregate> Mine, DateTimeOffset From, DateTimeOffset To), SliceAggregate> sums = [];
    private IReadOnlyList<SliceAggregate>? cachedFor;

    /// <summary>How far back incidents and MTTR look.</summary>
    public static readonly TimeSpan IncidentHistory = TimeSpan.FromDays(90);

    /// <summary>Slice length for incidents of occurrence-budgeted SLOs.</summary>
    public static readonly TimeSpan IncidentStep = TimeSpan.FromHours(1);

    /// <summary>How far before a window's end the slices must reach for everything this fold computes.</summary>
    public static TimeSpan Lookback(SloDefinition slo) =>
        new[] { slo.Window.Period, IncidentHistory, TimeSpan.FromDays(3) }.Max();

    /// <param name="withIncidents">False skips the 90-day incident history (for charts that only need the budget).</param>
    public SloEvaluation Evaluate(SloDefinition slo, string target, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset now, IReadOnlyList<SliceAggregate> slices, bool withIncidents = true)
    {
        var evaluatedAt = now < windowEnd ? now : windowEnd;
        labelsNow = labels is null || labels.IsEmpty ? null : labels.At(evaluatedAt);
        var mine = Mine(slices, target, slo.Scope, slo.Sli);
        var inWindow = Between(mine, windowStart, evaluatedAt);
        // A calendar month, quarter or year (or a day with a daylight-saving change) is as long as it is.
        var period = slo.Window.IsCalendar && windowEnd > windowStart ? windowEnd - windowStart : slo.Window.Period;

        if (slo.Sli == SliKinds.Mttr)
        {
            return EvaluateMttr(slo, target, windowStart, windowEnd, evaluatedAt, slices);
        }

        var reading = Read(slo, Sum(mine, target, slo.Scope, windowStart, evaluatedAt));
        var (budget, burn) = slo.Budgeting.Method == SloBudgeting.Timeslices
            ? TimesliceBudget(slo, inWindow, windowStart, period)
            : OccurrenceBudget(slo, reading, period);
        var alerts = BurnRateAlerts.For(period);
        var alert = BurnRateAlerts.Evaluate(alerts, w => BurnOver(slo, target, mine, evaluatedAt - w, evaluatedAt, w));
        var lastDay = alerts[2].LongWindow;
        var exhaustion = ErrorBudget.TimeToExhaustion(budget.RemainingShare ?? 1, BurnOver(slo, target, mine, evaluatedAt - lastDay, evaluatedAt, lastDay), period);
        var incidents = withIncidents ? Incidents(slo, mine, evaluatedAt) : [];
        return new SloEvaluation
        {
            Slo = slo.Name,
            ModelTarget = target,
            Sli = slo.Sli,
            Objective = Describe(slo),
            Window = slo.Window.ToString(),
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            EvaluatedAt = evaluatedAt,
            Complete = now >= windowEnd,
            Value = reading.Value,
            Low = reading.Low,
            High = reading.High,
            N = slo.Budgeting.Method == SloBudgeting.Timeslices ? BadSlices(slo, inWindow, windowStart, slo.Budgeting.SliceLength!.Value).WithData : reading.N,
            Status = SloEvaluation.StatusOf(slo, reading.Value, reading.Low, reading.High),
            PointMet = reading.Value is { } v ? slo.Satisfies(v) : null,
            Budget = budget,
            BurnRate = burn,
            Alert = alert,
            MinutesToExhaustion = exhaustion?.TotalMinutes,
            Incidents = incidents,
            MttrMinutes = Mttr(incidents),
            Sources = inWindow.Select(s => s.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Estimate = reading.Estimate,
            Bucket = reading.Bucket,
        };
    }

    /// <summary>The labels of the evaluation in progress (anchored at its instant), or null.</summary>
    private Func<string, IReadOnlyList<Hallucination.Correction.HumanLabel>?>? labelsNow;

    private SliReading Read(SloDefinition slo, SliceAggregate aggregate) => SliCalculator.Read(slo, set.Availability, aggregate, labelsNow);

    /// <summary>"hallucination_rate &lt; 0.02 (objective 98% of items, daily (UTC))" and the like.</summary>
    public static string Describe(SloDefinition slo) => string.Create(CultureInfo.InvariantCulture,
        $"{slo.Sli} {slo.Operator} {slo.Target} (objective {slo.Objective:0.####} of {(slo.Budgeting.Method == SloBudgeting.Timeslices ? SloDurations.Format(slo.Budgeting.SliceLength!.Value) + " slices" : "events")}, {slo.Window})");

    private (BudgetFigures Budget, double? Burn) OccurrenceBudget(SloDefinition slo, SliReading reading, TimeSpan period)
    {
        var bad = reading.Total - reading.Good;
        var allowed = ErrorBudget.Ratio(slo.Objective) * reading.Total;
        var remaining = allowed - bad;
        var share = allowed > 0 ? remaining / allowed : bad == 0 ? 1 : 0;
        var timeBased = slo.Sli == SliKinds.Availability || SliKinds.Percentiles.ContainsKey(slo.Sli);
        var minutes = timeBased ? ErrorBudget.Time(slo.Objective, period).TotalMinutes : (double?)null;
        var budget = new BudgetFigures(SloBudgeting.Occurrences, allowed, bad, remaining, share, minutes, minutes * (1 - share), minutes * share);
        return (budget, ErrorBudget.BurnRate(bad, reading.Total, slo.Objective));
    }

    private (BudgetFigures Budget, double? Burn) TimesliceBudget(SloDefinition slo, List<SliceAggregate> inWindow, DateTimeOffset windowStart, TimeSpan period)
    {
        var length = slo.Budgeting.SliceLength!.Value;
        var (bad, withData) = BadSlices(slo, inWindow, windowStart, length);
        var totalSlices = Math.Floor(period / length);
        var allowed = ErrorBudget.Ratio(slo.Objective) * totalSlices;
        var remaining = allowed - bad;
        var share = allowed > 0 ? remaining / allowed : bad == 0 ? 1 : 0;
        var sliceMinutes = length.TotalMinutes;
        var budget = new BudgetFigures(SloBudgeting.Timeslices, allowed, bad, remaining, share, allowed * sliceMinutes, bad * sliceMinutes, remaining * sliceMinutes);
        return (budget, ErrorBudget.BurnRate(bad, withData, slo.Objective));
    }

    /// <summary>The burn rate over [from, to): bad events or bad slices over what the objective allows.</summary>
    private double? BurnOver(SloDefinition slo, string target, List<SliceAggregate> mine, DateTimeOffset from, DateTimeOffset to, TimeSpan window)
    {
        var range = Between(mine, from, to);
        if (slo.Budgeting.Method == SloBudgeting.Timeslices)
        {
            var length = slo.Budgeting.SliceLength!.Value < window ? slo.Budgeting.SliceLength.Value : window;
            var (bad, withData) = BadSlices(slo, range, from, length);
            return ErrorBudget.BurnRate(bad, withData, slo.Objective);
        }

        var reading = Read(slo, Sum(mine, target, slo.Scope, from, to));
        return ErrorBudget.BurnRate(reading.Total - reading.Good, reading.Total, slo.Objective);
    }

    private (int Bad, int WithData) BadSlices(SloDefinition slo, List<SliceAggregate> range, DateTimeOffset origin, TimeSpan length)
    {
        int bad = 0, withData = 0;
        foreach (var group in SliceGroups(range, origin, length))
        {
            if (Read(slo, SliCalculator.Sum(group)).Value is not { } value)
            {
                continue;
            }

            withData++;
            bad += slo.Satisfies(value, slo.Budgeting.SliceTarget) ? 0 : 1;
        }

        return (bad, withData);
    }

    private List<Incident> Incidents(SloDefinition slo, List<SliceAggregate> mine, DateTimeOffset evaluatedAt)
    {
        var from = evaluatedAt - IncidentHistory;
        var step = slo.Budgeting.SliceLength ?? IncidentStep;
        var incidents = new List<Incident>();
        DateTimeOffset? open = null;
        foreach (var group in SliceGroups(Between(mine, from, evaluatedAt), from, step))
        {
            if (Read(slo, SliCalculator.Sum(group)).Value is not { } value)
            {
                continue;
            }

            var groupStart = group.Key;
            var good = slo.Satisfies(value, slo.Budgeting.SliceTarget);
            if (!good && open is null)
            {
                open = groupStart;
            }
            else if (good && open is { } start)
            {
                incidents.Add(new Incident(start, groupStart));
                open = null;
            }
        }

        if (open is { } still)
        {
            incidents.Add(new Incident(still, null));
        }

        return incidents;
    }

    private SloEvaluation EvaluateMttr(SloDefinition slo, string target, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset evaluatedAt, IReadOnlyList<SliceAggregate> slices)
    {
        var of = set.Slos.Single(s => s.Name == slo.Of);
        var mine = Mine(slices, target, of.Scope, of.Sli);
        var incidents = Incidents(of, mine, evaluatedAt).Where(i => i.End is { } end && end > windowStart).ToList();
        var mttr = Mttr(incidents);
        return new SloEvaluation
        {
            Slo = slo.Name,
            ModelTarget = target,
            Sli = slo.Sli,
            Objective = Describe(slo) + $" of '{of.Name}' incidents",
            Window = slo.Window.ToString(),
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            EvaluatedAt = evaluatedAt,
            Complete = evaluatedAt >= windowEnd,
            Value = mttr,
            N = incidents.Count(i => i.End is not null),
            Status = SloEvaluation.StatusOf(slo, mttr, null, null),
            PointMet = mttr is { } m ? slo.Satisfies(m) : null,
            Budget = new BudgetFigures("none", 0, 0, 0, null, null, null, null),
            Alert = new AlertState(AlertState.Ok, []),
            Incidents = incidents,
            MttrMinutes = mttr,
        };
    }

    /// <summary>
    /// The target's slices in the scope, in time order (computed once per slice list). Imported
    /// production slices count only for the SLIs production can show (latency, availability, success).
    /// </summary>
    private List<SliceAggregate> Mine(IReadOnlyList<SliceAggregate> slices, string target, SloScope scope, string sli)
    {
        if (!ReferenceEquals(cachedFor, slices))
        {
            byTarget.Clear();
            sums.Clear();
            cachedFor = slices;
        }

        var production = SliKinds.ObservableInProduction(sli);
        var key = (target, ScopeKey(scope), production);
        if (!byTarget.TryGetValue(key, out var mine))
        {
            mine = slices.Where(s => s.ModelTarget == target && scope.Includes(s, sli)).OrderBy(s => s.SliceStart).ToList();
            byTarget[key] = mine;
        }

        return mine;
    }

    /// <summary>The sum of the target's slices in [from, to), reused across SLOs of the same scope.</summary>
    private SliceAggregate Sum(List<SliceAggregate> mine, string target, SloScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        // The slice list is the key: one list per target, scope and source filter (see Mine).
        var key = (mine, from, to);
        if (sums.TryGetValue(key, out var sum))
        {
            return sum;
        }

        if (sums.Count >= MaximumCachedSums)
        {
            sums.Clear();
        }

        sum = SliCalculator.Sum(Between(mine, from, to));
        sums[key] = sum;
        return sum;
    }

    private static string ScopeKey(SloScope scope) => scope.Key;

    private static double? Mttr(IEnumerable<Incident> incidents)
    {
        var closed = incidents.Where(i => i.Minutes is not null).Select(i => i.Minutes!.Value).ToList();
        return closed.Count == 0 ? null : closed.Average();
    }

    private static IEnumerable<IGrouping<DateTimeOffset, SliceAggregate>> SliceGroups(List<SliceAggregate> range, DateTimeOffset origin, TimeSpan length) =>
        range.GroupBy(s => origin + (length * Math.Floor((s.SliceStart - origin) / length)));

    /// <summary>The slices starting in [from, to), found by binary search in the time-ordered list.</summary>
    private static List<SliceAggregate> Between(List<SliceAggregate> sorted, DateTimeOffset from, DateTimeOffset to)
    {
        var first = LowerBound(sorted, from);
        var last = LowerBound(sorted, to);
        return last > first ? sorted.GetRange(first, last - first) : [];
    }

    private static int LowerBound(List<SliceAggregate> sorted, DateTimeOffset time)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].SliceStart < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
