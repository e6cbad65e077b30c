namespace SloQuality.Core.Slo;

/// <summary>
/// The arithmetic of an error budget: an objective of 99.9% leaves 0.1% of events (or of time) to
/// fail. Over 30 days that is 43.2 minutes.
/// </summary>
public static class ErrorBudget
{
    /// <summary>The share of events or time allowed to be bad.</summary>
    public static double Ratio(double objective)
    {
        if (objective is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(objective), objective, "an objective is a ratio in (0, 1]");
        }

        return 1 - objective;
    }

    /// <summary>The budget as time over a period: <c>(1 - objective) × period</c>.</summary>
    public static TimeSpan Time(double objective, TimeSpan period) => TimeSpan.FromTicks((long)Math.Round(period.Ticks * Ratio(objective)));

    /// <summary>
    /// How fast the budget burns: the observed bad ratio over the allowed one. 1 spends the budget
    /// exactly over the period; 14.4 spends 2% of a 30-day budget in one hour. Null without events.
    /// </summary>
    public static double? BurnRate(double bad, double total, double objective)
    {
        if (total <= 0)
        {
            return null;
        }

        var allowed = Ratio(objective);
        return allowed == 0 ? (bad > 0 ? double.PositiveInfinity : 0) : bad / total / allowed;
    }

    /// <summary>
    /// When a budget burning at <paramref name="burnRate"/> runs out: the remaining share of the budget
    /// lasts remaining × period / burn rate. Null when nothing burns; zero when it is already spent.
    /// </summary>
    public static TimeSpan? TimeToExhaustion(double remainingShare, double? burnRate, TimeSpan period)
    {
        if (remainingShare <= 0)
        {
            return TimeSpan.Zero;
        }

        if (burnRate is not > 0 || double.IsInfinity(burnRate.Value))
        {
            return burnRate is { } b && double.IsInfinity(b) ? TimeSpan.Zero : null;
        }

        return TimeSpan.FromTicks((long)(remainingShare * period.Ticks / burnRate.Value));
    }
}
