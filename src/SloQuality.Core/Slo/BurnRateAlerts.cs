namespace SloQuality.Core.Slo;

/// <summary>
/// The multiwindow, multi-burn-rate alerts of the Google SRE workbook, as Sloth computes them: page on
/// 2% of the budget in 1 hour (5-minute short window) or 5% in 6 hours (30 minutes); ticket on 10% in
/// 1 day (2 hours) or 10% in 3 days (6 hours). As in Sloth, the windows are those for every period and
/// the factors follow the period: 14.4 / 6 / 3 / 1 at 30 days, 13.44 / 5.6 / 2.8 / 0.9333 at 28, and
/// 3.36 / 1.4 / 0.7 / 0.2333 at 7 (a 7-day budget is small, so spending 10% of it in a day is already a
/// ticket). Only a period shorter than three days, which cannot hold the 3-day window, scales every
/// window down by period / 3 days (the factors then are those of a 3-day period).
/// </summary>
public static class BurnRateAlerts
{
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(3);

    /// <summary>What <c>sloq slo explain</c> says about the windows of a period.</summary>
    public static string Convention(TimeSpan period) => period >= LongestWindow
        ? "Windows as in the SRE workbook and Sloth for every period (1h/5m, 6h/30m, 1d/2h, 3d/6h); the factors follow the period."
        : $"The period is shorter than the 3-day window, so every window is scaled by {period / LongestWindow:0.###} (period / 3 days).";

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

        var scale = period >= LongestWindow ? 1.0 : period / LongestWindow;
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
