namespace SloQuality.Core.Statistics;

/// <summary>
/// How many items a rate needs before its 95% Wilson interval can show a promise: for a bad-event rate
/// promised under a target, the smallest n at which the interval's upper end falls under it if the
/// observed rate held. Null when the observed rate itself breaks the promise (no sample size helps).
/// </summary>
public static class EvidenceSize
{
    private const int Limit = 10_000_000;

    public static int? ItemsToShowBelow(double observedRate, double target)
    {
        if (observedRate >= target)
        {
            return null;
        }

        bool Shows(int n) => RateEstimate.Wilson((int)Math.Round(observedRate * n), n).High < target;
        var high = 1;
        while (!Shows(high))
        {
            high *= 2;
            if (high > Limit)
            {
                return null;
            }
        }

        var low = high / 2;
        while (low + 1 < high)
        {
            var mid = (low + high) / 2;
            (low, high) = Shows(mid) ? (low, mid) : (mid, high);
        }

        return high;
    }

    /// <summary>The same for a good-event rate promised at or above a target (the interval's lower end must reach it).</summary>
    public static int? ItemsToShowAtLeast(double observedRate, double target) =>
        ItemsToShowBelow(1 - observedRate, 1 - target);
}
