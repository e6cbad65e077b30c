namespace SloQuality.Simulator;

/// <summary>
/// A log-normal latency given by its median and 99th percentile, the two figures people quote.
/// A median of 0 means no delay at all.
/// </summary>
public sealed record LogNormal(double MedianMs, double P99Ms)
{
    private const double Z99 = 2.3263478740408408;

    public double Sigma => MedianMs <= 0 || P99Ms <= MedianMs ? 0 : Math.Log(P99Ms / MedianMs) / Z99;

    public double Sample(Random random)
    {
        if (MedianMs <= 0)
        {
            return 0;
        }

        // Box–Muller: one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return MedianMs * Math.Exp(Sigma * z);
    }
}
