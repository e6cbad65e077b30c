namespace SloQuality.Core.Slo;

/// <summary>
/// The multiwindow, multi-burn-rate alerts of the Google SRE workbook, as Sloth computes them: page on
/// 2% of the budget in 1 hour (5-minute short window) or 5% in 6 hours (30 minutes); ticket on 10% in
/// 1 day (2 hours) or 10% in 3 days (6 hours). For 28- to 30-day periods the windows are those and the
/// factors follow the period (14.4 / 6 / 3 / 1 at 30 days, 13.44 / 5.6 / 2.8 / 0.9333 at 28); for other
/// periods the windows scale with the period (a 7-day SLO pages on 2% in 14 minutes), so the factors stay
/// those of 30 days.
/// </summary>
public static class BurnRateAlerts
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private static readonly (string Severity, TimeSpan Long, TimeSpan Short, double Share)[] Workbook =
    [
        (BurnRateAlert.Page, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 0.02),
        (BurnRateAlert.Page, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 0.05),
        (BurnRateAlert.Ticket, TimeSpan.FromDays(1), TimeSpan.FromHours(2), 0.10),
        (BurnRateAlert.Ticket, TimeSpan.FromDays(3), TimeSpan.FromHours(6), 0.10),
    ];

    public static IReadOnlyList<BurnRateAlert> For(TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "an SLO period must be positive");
        }

        var scale = period >= TimeSpan.FromDays(28) && period <= Month ? 1.0 : period / Month;
        return Workbook.Select(w =>
        {
            var longWindow = w.Long * scale;
            return new BurnRateAlert(w.Severity, longWindow, w.Short * scale, w.Share, w.Share * (period / longWindow));
        }).ToList();
    }

    /// <summary>
    /// The alert state given the burn rate over any window (null when the window holds no events): the
    /// most severe alert whose long and short windows both burn faster than its factor, or <c>ok</c>.
    /// </summary>
    public static AlertState Evaluate(IReadOnlyList<BurnRateAlert> alerts, Func<TimeSpan, double?> burnRateOver)
    {
        var checks = alerts.Select(a =>
        {
            var longBurn = burnRateOver(a.LongWindow);
            var shortBurn = burnRateOver(a.ShortWindow);
            return new AlertCheck(a, longBurn, shortBurn, longBurn > a.Factor && shortBurn > a.Factor);
        }).ToList();
        var state = checks.Any(c => c.Firing && c.Alert.Severity == BurnRateAlert.Page) ? BurnRateAlert.Page
            : checks.Any(c => c.Firing) ? BurnRateAlert.Ticket
            : AlertState.Ok;
        return new AlertState(state, checks);
    }
}
