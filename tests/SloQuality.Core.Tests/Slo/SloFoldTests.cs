using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

public sealed class SloFoldTests
{
    private static readonly DateTimeOffset Day = Slos.Day;

    [Fact]
    public void OccurrencesCountBadEventsAgainstTheShareTheObjectiveAllows()
    {
        var slo = Slos.Availability(0.99);
        var refused = Slos.Slice(Day.AddHours(14), 500);
        refused.ContentFiltered = 2;
        refused.Answered -= 2;
        var slices = new[] { Slos.Slice(Day.AddHours(10), 500, unavailable: 3), refused };

        var counted = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), slices);
        var notCounted = new SloFold(new SloSet([slo], new AvailabilityCounting(ContentFilter: false))).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), slices);

        // 1,000 items, 1% may fail: 10 allowed; 3 unavailable + 2 refused = 5 spent.
        Assert.Equal(1000, counted.N);
        Assert.Equal(0.995, counted.Value!.Value, 12);
        Assert.Equal(new BudgetFigures("occurrences", 10, 5, 5, 0.5, 14.4, 7.2, 7.2), Round(counted.Budget));
        Assert.Equal(0.5, counted.BurnRate!.Value, 9);
        Assert.Equal(SloEvaluation.Inconclusive, counted.Status); // Wilson [0.9884, 0.9979] straddles 0.99
        Assert.True(counted.PointMet);
        Assert.Equal(3, notCounted.Budget.Consumed);
    }

    [Fact]
    public void TimeSlicesCountBadSlicesAgainstTheSlicesOfThePeriod()
    {
        var slo = new SloDefinition
        {
            Name = "ttft",
            Sli = "ttft_p99",
            Operator = "<",
            Target = 500,
            Objective = 0.9,
            Window = new SloWindow(SloWindow.Daily),
            Budgeting = new SloBudgeting(SloBudgeting.Timeslices, TimeSpan.FromHours(1)),
        };
        var slices = new[] { Ttft(Day.AddHours(1), 100), Ttft(Day.AddHours(2), 100), Ttft(Day.AddHours(3), 900) };

        var evaluation = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), slices);

        // 24 hourly slices, 10% may be bad: 2.4 slices = 144 minutes; hour 3 is bad (p99 900 ms).
        Assert.Equal(new BudgetFigures("timeslices", 2.4, 1, 1.4, 0.583333, 144, 60, 84), Round(evaluation.Budget));
        Assert.Equal(3, evaluation.N);
        Assert.Equal(1 / 3.0 / 0.1, evaluation.BurnRate!.Value, 9);
        Assert.Single(evaluation.Incidents);
        Assert.Equal(new Incident(Day.AddHours(3), null), evaluation.Incidents[0]);
    }

    [Fact]
    public void AnHourOfTwoPercentFailuresPagesA999Slo()
    {
        var slo = Slos.Availability(0.999, new SloWindow(SloWindow.RollingKind, TimeSpan.FromDays(30)));
        var now = Day.AddDays(10);
        var quiet = Enumerable.Range(1, 48).Select(h => Slos.Slice(now.AddHours(-h - 1), 1000)).ToList();
        var burning = Enumerable.Range(0, 12).Select(i => Slos.Slice(now.AddMinutes(-5 * (i + 1)), 1000, unavailable: 20));

        var evaluation = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", now.AddDays(-30), now, now, [.. quiet, .. burning]);

        Assert.Equal(BurnRateAlert.Page, evaluation.Alert.State);
        Assert.Equal(20, evaluation.Alert.Checks[0].LongBurnRate!.Value, 9);
        Assert.Equal(20, evaluation.Alert.Checks[0].ShortBurnRate!.Value, 9);
        Assert.NotNull(evaluation.MinutesToExhaustion);
    }

    [Fact]
    public void IncidentsRunFromTheFirstBreachedSliceToTheFirstGoodOneAndGiveTheMttr()
    {
        var slo = new SloDefinition { Name = "correct", Sli = SliKinds.CorrectnessRate, Operator = ">=", Target = 0.9, Objective = 0.9, Window = new SloWindow(SloWindow.Daily) };
        var hours = new[] { 0.95, 0.95, 0.95, 0.5, 0.5, 0.95, double.NaN, double.NaN, 0.5 };
        var slices = hours.Select((share, h) => (share, h)).Where(x => !double.IsNaN(x.share))
            .Select(x => Correct(Day.AddHours(x.h), 100, (long)(x.share * 100))).ToList();

        var evaluation = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddHours(10), slices);

        Assert.Equal([new Incident(Day.AddHours(3), Day.AddHours(5)), new Incident(Day.AddHours(8), null)], evaluation.Incidents);
        Assert.Equal(120, evaluation.MttrMinutes);
        Assert.False(evaluation.Complete);
        Assert.Equal(Day.AddHours(10), evaluation.EvaluatedAt);
    }

    [Fact]
    public void AnIsoWeekStartsOnMondayMidnightInTheSlosTimeZone()
    {
        var window = new SloWindow(SloWindow.Weekly, null, "Europe/Berlin");
        var (start, end) = SloWindows.Containing(window, new DateTimeOffset(2026, 11, 29, 22, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void AScopeByTagsCountsEachItemOnceWhateverTagsItCarries()
    {
        var slo = Slos.Availability(0.99) with { Scope = new SloScope([], [], ["billing", "refund"]) };
        SliceAggregate Tagged(string tags, long items, long unavailable)
        {
            var slice = Slos.Slice(Day.AddHours(2), items, unavailable);
            return new SliceAggregate { RunId = slice.RunId, ModelTarget = slice.ModelTarget, DatasetName = slice.DatasetName, SliceStart = slice.SliceStart, Tags = tags, Items = items, Answered = items - unavailable, Unavailable = unavailable };
        }

        var slices = new[] { Tagged("billing", 100, 1), Tagged("billing,refund", 50, 2), Tagged("shipping", 400, 0), Tagged(string.Empty, 30, 30) };
        var evaluation = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), slices);

        Assert.Equal(150, evaluation.N);
        Assert.Equal(3, evaluation.Budget.Consumed);
        Assert.Equal("billing,refund", SliceAggregator.Signature(["refund", "billing", "refund"]));
    }

    [Fact]
    public void NoDataIsReportedAsSuchWithAFullBudget()
    {
        var slo = Slos.Availability(0.99);
        var evaluation = new SloFold(new SloSet([slo], new AvailabilityCounting())).Evaluate(slo, "sim", Day, Day.AddDays(1), Day.AddDays(1), []);

        Assert.Equal(SloEvaluation.NoData, evaluation.Status);
        Assert.Equal(1, evaluation.Budget.RemainingShare);
        Assert.Equal(AlertState.Ok, evaluation.Alert.State);
    }

    private static SliceAggregate Ttft(DateTimeOffset start, double ms)
    {
        var slice = Slos.Slice(start, 100);
        slice.Ttft.Add(ms, 100);
        return slice;
    }

    private static SliceAggregate Correct(DateTimeOffset start, long items, long correct)
    {
        var slice = Slos.Slice(start, items);
        slice.Correct = correct;
        return slice;
    }

    private static BudgetFigures Round(BudgetFigures b) => b with
    {
        Total = Math.Round(b.Total, 6),
        Consumed = Math.Round(b.Consumed, 6),
        Remaining = Math.Round(b.Remaining, 6),
        RemainingShare = b.RemainingShare is { } s ? Math.Round(s, 6) : null,
        TotalMinutes = b.TotalMinutes is { } t ? Math.Round(t, 6) : null,
        ConsumedMinutes = b.ConsumedMinutes is { } c ? Math.Round(c, 6) : null,
        RemainingMinutes = b.RemainingMinutes is { } r ? Math.Round(r, 6) : null,
    };
}
