using System.Globalization;
using System.Text;

namespace SloQuality.Simulator;

/// <summary>A Prometheus histogram of seconds (cumulative buckets, count, sum), thread-safe.</summary>
internal sealed class VllmHistogram(IReadOnlyList<double> bounds)
{
    private readonly long[] counts = new long[bounds.Count + 1];
    private readonly object gate = new();
    private double sum;

    public void Observe(double seconds)
    {
        var index = 0;
        while (index < bounds.Count && seconds > bounds[index])
        {
            index++;
        }

        lock (gate)
        {
            counts[index]++;
            sum += seconds;
        }
    }

    public void Write(StringBuilder text, string name, string labels)
    {
        long[] snapshot;
        double total;
        lock (gate)
        {
            snapshot = (long[])counts.Clone();
            total = sum;
        }

        long cumulative = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            cumulative += snapshot[i];
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }

        cumulative += snapshot[^1];
        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {cumulative}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {total.ToString("R", CultureInfo.InvariantCulture)}\n");
    }
}
