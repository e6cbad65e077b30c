namespace SloQuality.Simulator;

/// <summary>Counts of what the simulator served, for tests and the benchmarks (thread-safe).</summary>
public sealed class SimulatorStats
{
    private long requests;
    private long inFlight;
    private long maxInFlight;

    public long Requests => Interlocked.Read(ref requests);

    public long MaxInFlight => Interlocked.Read(ref maxInFlight);

    internal long Begin()
    {
        var number = Interlocked.Increment(ref requests);
        var now = Interlocked.Increment(ref inFlight);
        long seen;
        while (now > (seen = Interlocked.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        return number;
    }

    internal void End() => Interlocked.Decrement(ref inFlight);
}
