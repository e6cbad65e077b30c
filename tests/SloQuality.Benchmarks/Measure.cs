using System.Diagnostics;
using System.Globalization;

namespace SloQuality.Benchmarks;

/// <summary>Wall time and this process's CPU time of one measured run.</summary>
internal readonly record struct Measure(double Seconds, double CpuMs, int Items)
{
    public double ItemsPerSecond => Items / Seconds;

    public double CpuMsPerItem => CpuMs / Items;

    public static async Task<Measure> RunAsync(int items, Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await run();
        wall.Stop();
        process.Refresh();
        return new Measure(wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, items);
    }

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Linear-interpolated percentile of ascending-sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)position;
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
