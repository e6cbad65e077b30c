using System.CommandLine;
using System.Globalization;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Production;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq slo import-prometheus [--url URL] [--since 6h | --from TIME] [--to TIME] [--config jobs] [--store FILE]</c>:
/// imports the production latency, availability and success SLIs of the targets in <c>production.yaml</c>
/// from Prometheus into the store, as the service's scheduled import does; a longer range backfills.
/// Importing a range again replaces it. One target's failure is reported and does not stop the others.
/// </summary>
public static class PrometheusImportCommand
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Leaf(
        "import-prometheus",
        "Imports production latency, availability and success SLIs (production.yaml) from Prometheus; a longer range backfills.",
        [
            CommandSymbols.Value("url", "URL", $"the Prometheus server [default: production.yaml's prometheus.url or {ProductionConfiguration.UrlVariable}]"),
            CommandSymbols.Value("since", "DURATION", "import this far back from --to, such as 6h or 7d [default: production.yaml's lookback]"),
            CommandSymbols.Value("from", "TIME", "import from this instant (ISO 8601) instead of --since"),
            CommandSymbols.Value("to", "TIME", "import up to this instant (ISO 8601) [default: now]"),
            CommandSymbols.Config(),
            CommandSymbols.Store(),
        ],
        (parsed, cancellationToken) => RunAsync(parsed, stdout, stderr, cancellationToken));

    public static async Task<int> RunAsync(Arguments parsed, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var config = parsed.Config;
        var (settings, problems) = ProductionConfiguration.Load(config, name => name == ProductionConfiguration.UrlVariable && parsed.Value("url") is { } url ? url : Environment.GetEnvironmentVariable(name));
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        if (problems.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        if (!settings.Enabled)
        {
            await stderr.WriteLineAsync($"sloq: nothing to import: {Path.Combine(config, ProductionConfiguration.FileName)} needs targets, and a Prometheus URL (prometheus.url, {ProductionConfiguration.UrlVariable} or --url)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var to = Time(parsed, "to") ?? DateTimeOffset.UtcNow;
        var from = Time(parsed, "from") ?? to - (parsed.Value("since") is { } since
            ? SloDurations.Parse(since) ?? throw new UsageException($"--since '{since}' is not a duration such as 30m, 6h or 7d")
            : settings.Lookback);
        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var importer = new ProductionImporter(new PrometheusClient(http, settings.PrometheusUrl!), store);
        var failed = 0;
        foreach (var target in settings.Targets)
        {
            try
            {
                // One day per call keeps each range query far under Prometheus' 11,000 points.
                for (var start = from; start < to; start += TimeSpan.FromDays(1))
                {
                    var end = start + TimeSpan.FromDays(1) < to ? start + TimeSpan.FromDays(1) - SliceAggregate.Length : to;
                    var import = await importer.ImportAsync(target, start, end, cancellationToken).ConfigureAwait(false);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{target.Target}: {import.Slices} slices from {import.FirstSlice:u} to {import.LastSlice:u}, {import.Requests} requests, {import.TtftSamples} TTFT samples")).ConfigureAwait(false);
                    if (import.EmptyLine is { } empty)
                    {
                        await stderr.WriteLineAsync($"sloq: {empty}").ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failed++;
                await stderr.WriteLineAsync($"sloq: {target.Target}: {e.Message}").ConfigureAwait(false);
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Infrastructure;
    }

    private static DateTimeOffset? Time(Arguments parsed, string name) => parsed.Value(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new UsageException($"--{name} '{text}' is not a date and time such as 2026-11-29T18:00:00Z");
}
