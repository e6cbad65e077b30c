using SloQuality.Core.Reports.Quality;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq report daily --date YYYY-MM-DD --out DIR</c> and <c>sloq report weekly --week YYYY-Www --out DIR</c>:
/// the quality report from the result store, as <c>report.html</c>, <c>report.md</c> and <c>report.json</c>.
/// </summary>
public sealed class ReportCommand(TextWriter stdout, TextWriter stderr, TimeProvider? time = null)
{
    private static readonly HashSet<string> DailyOptions = ["date", "out", "config", "store"];
    private static readonly HashSet<string> WeeklyOptions = ["week", "out", "config", "store"];
    private static readonly HashSet<string> NoFlags = [];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (kind, parsed, period, range) = args switch
        {
            ["daily", .. var rest] => Daily(Arguments.Parse(rest, DailyOptions, NoFlags)),
            ["weekly", .. var rest] => Weekly(Arguments.Parse(rest, WeeklyOptions, NoFlags)),
            _ => throw new UsageException("expected 'sloq report daily --date YYYY-MM-DD --out DIR' or 'sloq report weekly --week YYYY-Www --out DIR'"),
        };
        var outFolder = parsed.Required("out");
        var (set, problems) = SloCatalog.Load(parsed.Value("config") ?? "jobs");
        if (problems.Count > 0)
        {
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            return ExitCodes.BadInput;
        }

        await using var store = new SqliteResultStore(parsed.Value("store") ?? Path.Combine(".sloq", "results.db"));
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var correction = Core.Configuration.HallucinationSettings.Load(parsed.Value("config") ?? "jobs").Settings.Correction;
        var report = await new QualityReportBuilder(store, store, time ?? TimeProvider.System, store, correction)
            .BuildAsync(set, kind, period, range.From, range.To, cancellationToken).ConfigureAwait(false);

        await QualityReportWriter.WriteAsync(outFolder, report, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"{kind} report {period}: {report.Targets.Count} model targets, {report.Targets.Sum(t => t.Runs)} runs; written to {Path.GetFullPath(outFolder)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static (string, Arguments, string, (DateTimeOffset From, DateTimeOffset To)) Daily(Arguments parsed)
    {
        var date = parsed.Required("date");
        return ("daily", parsed, date, ReportPeriods.Day(date) ?? throw new UsageException($"--date '{date}' is not a date such as 2026-11-29"));
    }

    private static (string, Arguments, string, (DateTimeOffset From, DateTimeOffset To)) Weekly(Arguments parsed)
    {
        var week = parsed.Required("week");
        return ("weekly", parsed, week, ReportPeriods.Week(week) ?? throw new UsageException($"--week '{week}' is not an ISO week such as 2026-W48"));
    }
}
