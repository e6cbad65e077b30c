using System.CommandLine;
using SloQuality.Cli.Parsing;
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
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Group(
        "report",
        "The quality report: SLO tables, 30-day trends, budget burn-down, worst items, changes.",
        CommandSymbols.Leaf(
            "daily",
            "The daily quality report (so far, for today).",
            [CommandSymbols.Value("date", "YYYY-MM-DD", "the day (UTC)", required: true), Out(), CommandSymbols.Config(), CommandSymbols.Store()],
            (parsed, cancellationToken) => new ReportCommand(stdout, stderr).RunAsync(Daily(parsed), cancellationToken)),
        CommandSymbols.Leaf(
            "weekly",
            "The weekly quality report (so far, for this week).",
            [CommandSymbols.Value("week", "YYYY-Www", "the ISO week, such as 2026-W48", required: true), Out(), CommandSymbols.Config(), CommandSymbols.Store()],
            (parsed, cancellationToken) => new ReportCommand(stdout, stderr).RunAsync(Weekly(parsed), cancellationToken)));

    private static Option<string> Out() =>
        CommandSymbols.Value("out", "DIR", "where report.html, report.md and report.json are written", required: true);

    private async Task<int> RunAsync((string Kind, Arguments Parsed, string Period, (DateTimeOffset From, DateTimeOffset To) Range) request, CancellationToken cancellationToken)
    {
        var (kind, parsed, period, range) = request;
        var outFolder = parsed.Required("out");
        var (set, problems) = SloCatalog.Load(parsed.Config);
        if (problems.Count > 0)
        {
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            return ExitCodes.BadInput;
        }

        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var correction = Core.Configuration.HallucinationSettings.Load(parsed.Config).Settings.Correction;
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
