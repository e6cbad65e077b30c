namespace SloQuality.Core.Statistics;

/// <summary>
/// McNemar's exact test on paired verdicts: only the discordant pairs count (b: the first arm failed
/// where the second passed, c: the reverse), and under "no difference" each is a fair coin flip, so the
/// two-sided p-value is the binomial tail of min(b, c) out of b + c, doubled.
/// </summary>
public static class McNemar
{
    public static double ExactPValue(int b, int c)
    {
        var n = b + c;
        if (n == 0)
        {
            return 1;
        }

        var k = Math.Min(b, c);
        var logHalfN = n * Math.Log(0.5);
        var tail = 0.0;
        var logChoose = 0.0;   // log C(n, 0)
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logChoose += Math.Log(n - i + 1) - Math.Log(i);
            }

            tail += Math.Exp(logChoose + logHalfN);
        }

        return Math.Min(1, 2 * tail);
    }
}
