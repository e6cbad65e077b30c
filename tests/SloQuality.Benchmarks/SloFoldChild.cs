using System.Diagnostics;
using System.Globalization;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Benchmarks;

/// <summary>
/// The measured side of <c>slo-fold</c>, alone in its process: reads the slices from the store and
/// folds p50/p90/p99 TTFT SLOs over every day, every ISO week and the rolling 30 days, through the
/// product's own <see cref="SloFold"/>. Prints each value, then "fold SECONDS PEAK_MB".
/// </summary>
internal static class SloFoldChild
{
    public static async Task RunAsync(string database)
    {
        var watch = Stopwatch.StartNew();
        await using var store = new SqliteResultStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var end = SloFoldBench.Start.AddDays(30);
        var slices = await store.ReadSlicesAsync(SloFoldBench.Start, end, CancellationToken.None);
        var output = new List<string>();
        foreach (var (kind, window) in new[] { ("daily", new SloWindow(SloWindow.Daily)), ("weekly", new SloWindow(SloWindow.Weekly)), ("rolling", new SloWindow(SloWindow.RollingKind, TimeSpan.FromDays(30))) })
        {
            var slos = SloFoldBench.Quantiles.Select(q => new SloDefinition
            {
                Name = $"ttft-p{q * 100}",
                Sli = q switch { 0.5 => "ttft_p50", 0.9 => "ttft_p90", _ => "ttft_p99" },
                Operator = "<",
                Target = 1000,
                Objective = q,
                Window = window,
            }).ToList();
            var fold = new SloFold(new SloSet(slos, new AvailabilityCounting()));
            var windows = window.IsCalendar ? SloWindows.Between(window, SloFoldBench.Start, end.AddTicks(-1)).ToList() : [(SloFoldBench.Start, end)];
            foreach (var target in SloFoldBench.Targets)
            {
                foreach (var (start, stop) in windows)
                {
                    foreach (var slo in slos)
                    {
                        var evaluation = fold.Evaluate(slo, target, start, stop, end, slices, withIncidents: false);
                        var key = SloFoldBench.Key(target, kind, kind == "rolling" ? stop : start, slo.Objective);
                        output.Add(string.Create(CultureInfo.InvariantCulture, $"value {key} {evaluation.Value}"));
                    }
                }
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        output.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fold {seconds:0.000} {process.PeakWorkingSet64 / 1048576.0:0}"));
    }
}
