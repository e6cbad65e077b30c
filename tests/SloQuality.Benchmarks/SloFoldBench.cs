using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SloQuality.Core.Datasets;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;
using SloQuality.Tests.Shared;

namespace SloQuality.Benchmarks;

/// <summary>
/// <c>slo-fold</c>: 10 million TTFT samples over 30 days for 3 model targets. Our path: five-minute
/// slices with mergeable sketches in the SQLite result store, folded (in a child process, so its peak
/// memory is its own) into daily, ISO-weekly and rolling-30-day p50/p90/p99 SLO evaluations. Baseline,
/// in the same run: PostgreSQL's <c>percentile_cont</c> over the 10 million raw rows. Prints the
/// speed ratio, our peak memory and the largest relative percentile difference.
/// Targets: ≥ 10× faster, ≤ 200 MB, ≤ 1%.
/// </summary>
internal static class SloFoldBench
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly string[] Targets = ["model-a", "model-b", "model-c"];
    public static readonly double[] Quantiles = [0.5, 0.9, 0.99];
    private const int Samples = 10_000_000;
    private const int Days = 30;

    public static async Task<string> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sloq-fold-bench-").FullName;
        try
        {
            using var postgres = ThrowawayPostgres.Start();
            var database = Path.Combine(folder, "results.db");
            var ingest = await IngestAsync(database, postgres.ConnectionString);
            Console.WriteLine($"ingest: {Samples:N0} samples into {Targets.Length * Days * 288:N0} slices and PostgreSQL rows in {ingest.TotalSeconds:0.0} s");

            var (ours, oursSeconds, peakMb) = await FoldInChildAsync(database);
            var (theirs, pgSeconds) = await PostgresAsync(postgres.ConnectionString);

            var worst = 0.0;
            var worstKey = string.Empty;
            foreach (var (key, value) in theirs)
            {
                var error = Math.Abs(ours[key] - value) / value;
                if (error > worst)
                {
                    (worst, worstKey) = (error, key);
                }
            }

            Console.WriteLine($"windows compared: {theirs.Count} (daily, ISO-weekly, rolling 30d × 3 targets × p50/p90/p99)");
            Console.WriteLine($"our fold (read slices + evaluate): {oursSeconds:0.000} s, peak working set {peakMb:0} MB (target <= 200 MB)");
            Console.WriteLine($"PostgreSQL percentile_cont over raw rows: {pgSeconds:0.000} s");
            Console.WriteLine($"speed ratio: {pgSeconds / oursSeconds:0.0}x (target >= 10x); largest relative difference {worst:P3} at {worstKey} (target <= 1%)");
            return string.Create(CultureInfo.InvariantCulture,
                $"slo-fold: ours {oursSeconds:0.000} s, {peakMb:0} MB; postgres {pgSeconds:0.000} s; ratio {pgSeconds / oursSeconds:0.0}x; max error {worst * 100:0.000}%");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The sample stream: per target, evenly spread over 30 days, log-normal TTFT with a daily rhythm.</summary>
    private static IEnumerable<(DateTimeOffset At, double Ttft)> Stream(int target)
    {
        var random = new Random(41 + target);
        var perTarget = Samples / Targets.Length;
        var span = TimeSpan.FromDays(Days).Ticks;
        for (var i = 0; i < perTarget; i++)
        {
            var at = Start.AddTicks((long)((i + random.NextDouble()) * span / perTarget));
            var hour = at.Hour + (at.Minute / 60.0);
            var median = (180 + (60 * target)) * (1 + (0.3 * Math.Sin(hour / 24 * 2 * Math.PI))) * (1 + (0.01 * at.Day));
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            yield return (at, median * Math.Exp(0.6 * normal));
        }
    }

    private static async Task<TimeSpan> IngestAsync(string database, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await using var store = new SqliteResultStore(database);
        await store.InitializeAsync(CancellationToken.None);
        await store.RegisterDatasetAsync(new GoldenDataset("bench", "bench.jsonl", string.Empty, [], "h"), CancellationToken.None);
        await using var pg = new NpgsqlConnection(connectionString);
        await pg.OpenAsync();
        await new NpgsqlCommand("CREATE UNLOGGED TABLE samples (target text NOT NULL, at timestamptz NOT NULL, ttft double precision NOT NULL)", pg).ExecuteNonQueryAsync();
        for (var t = 0; t < Targets.Length; t++)
        {
            var run = new RunRecord($"bench-{Targets[t]}", "bench", "h", Targets[t], Samples / Targets.Length, 1, Start);
            await store.CreateRunAsync(run, CancellationToken.None);
            var slices = new Dictionary<DateTimeOffset, SliceAggregate>();
            await using (var writer = await pg.BeginBinaryImportAsync("COPY samples (target, at, ttft) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (at, ttft) in Stream(t))
                {
                    var start = SliceAggregate.Floor(at);
                    if (!slices.TryGetValue(start, out var slice))
                    {
                        slices[start] = slice = new SliceAggregate { RunId = run.RunId, ModelTarget = run.ModelTarget, DatasetName = "bench", SliceStart = start };
                    }

                    slice.Items++;
                    slice.Answered++;
                    slice.Ttft.Add(ttft);
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Targets[t], NpgsqlDbType.Text);
                    await writer.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(ttft, NpgsqlDbType.Double);
                }

                await writer.CompleteAsync();
            }

            await store.WriteSlicesAsync(run.RunId, slices.Values.OrderBy(s => s.SliceStart).ToList(), CancellationToken.None);
        }

        await new NpgsqlCommand("ANALYZE samples", pg).ExecuteNonQueryAsync();
        return watch.Elapsed;
    }

    private static async Task<(Dictionary<string, double> Values, double Seconds, double PeakMb)> FoldInChildAsync(string database)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["slo-fold-child", database]) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        using var child = Process.Start(start)!;
        var lines = new List<string>();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        await child.WaitForExitAsync();
        var values = lines.Where(l => l.StartsWith("value ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => double.Parse(p[2], CultureInfo.InvariantCulture));
        var timing = lines.Single(l => l.StartsWith("fold ", StringComparison.Ordinal)).Split(' ');
        return (values, double.Parse(timing[1], CultureInfo.InvariantCulture), double.Parse(timing[2], CultureInfo.InvariantCulture));
    }

    private static async Task<(Dictionary<string, double> Values, double Seconds)> PostgresAsync(string connectionString)
    {
        await using var pg = new NpgsqlConnection(connectionString);
        await pg.OpenAsync();
        var values = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        foreach (var (kind, bucket) in new[] { ("daily", "date_trunc('day', at AT TIME ZONE 'UTC')"), ("weekly", "date_trunc('week', at AT TIME ZONE 'UTC')"), ("rolling", "timestamp '2026-10-01'") })
        {
            var sql = $"SELECT target, {bucket} AS w, percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY ttft) FROM samples GROUP BY 1, 2";
            await using var command = new NpgsqlCommand(sql, pg);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var window = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                var quantiles = reader.GetFieldValue<double[]>(2);
                for (var q = 0; q < Quantiles.Length; q++)
                {
                    values[Key(reader.GetString(0), kind, kind == "rolling" ? Start.AddDays(Days) : window, Quantiles[q])] = quantiles[q];
                }
            }
        }

        return (values, watch.Elapsed.TotalSeconds);
    }

    /// <summary><c>model-a|daily|2026-10-01|0.99</c>; a rolling window is named by its end.</summary>
    public static string Key(string target, string kind, DateTimeOffset window, double quantile) =>
        string.Create(CultureInfo.InvariantCulture, $"{target}|{kind}|{window:yyyy-MM-dd}|{quantile}");
}
