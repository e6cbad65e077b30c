using FsCheck.Xunit;
using SloQuality.Core.Slo;

namespace SloQuality.Core.Tests.Slo;

public sealed class ErrorBudgetTests
{
    [Fact]
    public void TheBudgetOf999OverThirtyDaysIs43Point2Minutes()
    {
        Assert.Equal(43.2, ErrorBudget.Time(0.999, TimeSpan.FromDays(30)).TotalMinutes, 9);
        Assert.Equal(0.001, ErrorBudget.Ratio(0.999), 12);
    }

    [Theory]
    [InlineData(30, 14.4, 6, 3, 1)]
    [InlineData(28, 13.44, 5.6, 2.8, 0.9333)]
    [InlineData(7, 3.36, 1.4, 0.7, 0.2333)]
    public void BurnRateFactorsAreSlothsForThePeriod(int days, double pageFast, double pageSlow, double ticketFast, double ticketSlow)
    {
        var alerts = BurnRateAlerts.For(TimeSpan.FromDays(days));

        Assert.Equal([pageFast, pageSlow, ticketFast, ticketSlow], alerts.Select(a => Math.Round(a.Factor, 4)));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3)], alerts.Select(a => a.LongWindow));
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)], alerts.Select(a => a.ShortWindow));
        Assert.Equal([BurnRateAlert.Page, BurnRateAlert.Page, BurnRateAlert.Ticket, BurnRateAlert.Ticket], alerts.Select(a => a.Severity));
    }

    [Fact]
    public void APeriodShorterThanTheLongestWindowScalesTheWindowsDown()
    {
        var alerts = BurnRateAlerts.For(TimeSpan.FromDays(1));

        Assert.Equal([TimeSpan.FromMinutes(20), TimeSpan.FromHours(2), TimeSpan.FromHours(8), TimeSpan.FromDays(1)], alerts.Select(a => a.LongWindow));
        Assert.Equal([1.44, 0.6, 0.3, 0.1], alerts.Select(a => Math.Round(a.Factor, 4)));
    }

    [Fact]
    public void AnAlertFiresOnlyWhenBothItsWindowsExceedTheFactor()
    {
        var alerts = BurnRateAlerts.For(TimeSpan.FromDays(30));
        double? Burn(TimeSpan window, double oneHour, double fiveMinutes) =>
            window == TimeSpan.FromHours(1) ? oneHour : window == TimeSpan.FromMinutes(5) ? fiveMinutes : 0;

        var longOnly = BurnRateAlerts.Evaluate(alerts, w => Burn(w, 20, 10));
        var shortOnly = BurnRateAlerts.Evaluate(alerts, w => Burn(w, 10, 20));
        var both = BurnRateAlerts.Evaluate(alerts, w => Burn(w, 14.5, 15));
        var atTheFactor = BurnRateAlerts.Evaluate(alerts, w => Burn(w, 14.4, 14.4));

        Assert.Equal(AlertState.Ok, longOnly.State);
        Assert.Equal(AlertState.Ok, shortOnly.State);
        Assert.Equal(BurnRateAlert.Page, both.State);
        Assert.True(both.Checks[0].Firing);
        Assert.Equal(AlertState.Ok, atTheFactor.State);
    }

    [Fact]
    public void AWindowWithoutEventsHasNoBurnRateAndRaisesNothing()
    {
        Assert.Null(ErrorBudget.BurnRate(0, 0, 0.99));
        Assert.Equal(AlertState.Ok, BurnRateAlerts.Evaluate(BurnRateAlerts.For(TimeSpan.FromDays(30)), _ => null).State);
    }

    [Property]
    public bool ConsumedPlusRemainingIsTheTotal(ushort good, ushort bad, byte nines)
    {
        var objective = 1 - ((nines % 99) + 1) / 1000.0;
        var slo = Slos.Availability(objective);
        var evaluation = Slos.FoldOneSlice(slo, items: good + bad, unavailable: bad);
        return Math.Abs(evaluation.Budget.Consumed + evaluation.Budget.Remaining - evaluation.Budget.Total) < 1e-9;
    }

    [Property]
    public bool AWindowWithNoBadEventsHasItsFullBudget(ushort good, byte nines)
    {
        var objective = 1 - ((nines % 99) + 1) / 1000.0;
        var evaluation = Slos.FoldOneSlice(Slos.Availability(objective), items: good, unavailable: 0);
        return evaluation.Budget.RemainingShare == 1 && evaluation.Budget.Consumed == 0;
    }

    [Property]
    public bool BurnRateOneExhaustsTheBudgetExactlyAtThePeriodsEnd(byte days, byte nines)
    {
        var period = TimeSpan.FromDays((days % 90) + 1);
        var objective = 1 - ((nines % 99) + 1) / 1000.0;
        // Spending at burn rate 1 for the whole period consumes exactly the budget...
        var spent = 1.0 * ErrorBudget.Ratio(objective) * period.TotalMinutes;
        var budget = ErrorBudget.Time(objective, period).TotalMinutes;
        // ...and a full budget burning at rate 1 lasts exactly the period.
        var lasts = ErrorBudget.TimeToExhaustion(1, 1, period)!.Value;
        return Math.Abs(spent - budget) < 1e-6 && lasts == period;
    }
}
