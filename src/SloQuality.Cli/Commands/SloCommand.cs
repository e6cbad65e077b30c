using System.CommandLine;
using System.Globalization;
using SloQuality.Cli.Parsing;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;
using SloQuality.Storage.Sqlite;
using Spectre.Console;

namespace SloQuality.Cli.Commands;

/// <summary>
/// <c>sloq slo status</c> folds the result store into SLO compliance (catching up missed days and weeks);
/// <c>sloq slo explain --target 99.9 --period 30d</c> prints the budget and alert table the fold uses;
/// <c>sloq slo import FILE</c> / <c>sloq slo export</c> convert to and from OpenSLO v1;
/// <c>sloq slo import-prometheus</c> brings in production SLIs (see <see cref="PrometheusImportCommand"/>).
/// </summary>
public sealed class SloCommand(TextWriter stdout, TextWriter stderr)
{
    public static Command Definition(TextWriter stdout, TextWriter stderr) => CommandSymbols.Group(
        "slo",
        "SLO compliance, error budgets and burn-rate alerts; OpenSLO v1 and Prometheus in and out.",
        CommandSymbols.Leaf(
            "status",
            "Folds the result store into SLO compliance per model target, catching up missed days and weeks.",
            [
                CommandSymbols.Config(),
                CommandSymbols.Store(),
                CommandSymbols.Value("at", "TIME", "fold as of this instant (ISO 8601, such as 2026-11-29T18:00:00Z) [default: now]"),
                CommandSymbols.Flag("gate", "exit 1 when an SLO is breached (for CI)"),
            ],
            (parsed, cancellationToken) => new SloCommand(stdout, stderr).StatusAsync(parsed, cancellationToken)),
        CommandSymbols.Leaf(
            "explain",
            "The error budget and the burn-rate alert table for an objective.",
            [
                CommandSymbols.Value("target", "PERCENT", "the objective, such as 99.9", required: true),
                CommandSymbols.Value("period", "DURATION", "the SLO's window, such as 7d or 30d", "30d"),
            ],
            (parsed, _) => Task.FromResult(new SloCommand(stdout, stderr).Explain(parsed))),
        CommandSymbols.Leaf(
            "import",
            "Converts an OpenSLO v1 file to slos.yaml form, checked by loading it back.",
            [CommandSymbols.One("FILE", "the OpenSLO v1 documents (YAML, '---'-separated)"), Out()],
            (parsed, _) => Task.FromResult(OpenSloFiles.Import(parsed, stdout, stderr))),
        CommandSymbols.Leaf(
            "export",
            "Writes the SLOs of slos.yaml as OpenSLO v1 documents.",
            [CommandSymbols.Config(), Out()],
            (parsed, _) => Task.FromResult(OpenSloFiles.Export(parsed, stdout, stderr))),
        PrometheusImportCommand.Definition(stdout, stderr));

    private static Option<string> Out() => CommandSymbols.Value("out", "FILE", "write here [default: standard output]");

    private async Task<int> StatusAsync(Arguments parsed, CancellationToken cancellationToken)
    {
        var (set, problems) = SloCatalog.Load(parsed.Config);
        if (problems.Count > 0)
        {
            problems.ToList().ForEach(p => stderr.WriteLine(p.ToString()));
            return ExitCodes.BadInput;
        }

        TimeProvider time = parsed.Value("at") is { } at
            ? new FixedTime(DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? instant
                : throw new UsageException($"--at '{at}' is not a date and time such as 2026-11-29T18:00:00Z"))
            : TimeProvider.System;
        await using var store = new SqliteResultStore(parsed.Store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var result = await SloFoldService.Create(store, time, parsed.Config).FoldAsync(set, cancellationToken).ConfigureAwait(false);

        var console = Consoles.For(stdout);
        foreach (var group in result.Current.GroupBy(e => e.ModelTarget))
        {
            var table = new Table().Title(new TableTitle(Consoles.Text($"{group.Key}: SLOs at {result.At:u}")));
            foreach (var column in new[] { "SLO", "SLI", "95% interval", "n", "status", "budget left", "burn", "alert", "spent in" })
            {
                table.AddColumn(column);
            }

            foreach (var e in group)
            {
                var row = SloFigures.For(e);
                table.AddRow(new Text(TerminalSafeWriter.Clean(row.Slo)), new Text(row.Value), new Text(row.Interval), new Text(row.N), new Text(row.Status),
                    new Text(row.BudgetRemaining), new Text(row.BurnRate), new Text(row.Alert), new Text(row.Exhaustion));
            }

            console.Write(table);
        }

        if (result.Current.Count == 0)
        {
            console.WriteLine("no SLO has data yet: run 'sloq evaluate' first");
        }

        console.WriteLine($"{result.CaughtUp} past windows caught up");
        var breached = result.Current.Count(e => e.Status == SloEvaluation.Breached);
        return parsed.Has("gate") && breached > 0 ? ExitCodes.VerdictAgainst : ExitCodes.Success;
    }

    private int Explain(Arguments parsed)
    {
        var targetText = parsed.Required("target");
        if (!double.TryParse(targetText.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent is <= 0 or >= 100)
        {
            throw new UsageException($"--target '{targetText}' must be a percentage between 0 and 100, such as 99.9");
        }

        var periodText = parsed.Value("period") ?? "30d";
        var period = SloDurations.Parse(periodText) ?? throw new UsageException($"--period '{periodText}' must be a duration such as 7d, 28d or 30d");
        var objective = percent / 100;
        var budget = ErrorBudget.Time(objective, period);
        var console = Consoles.For(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SLO {percent}% over {SloFigures.Duration(period)}: error budget {ErrorBudget.Ratio(objective):0.#####} of events ({ErrorBudget.Ratio(objective) * 100:0.###}%), {budget.TotalMinutes:0.##} minutes"));
        var table = new Table().AddColumn("alert").AddColumn("long window").AddColumn("short window").AddColumn("budget spent").AddColumn("burn-rate factor").AddColumn("error rate over both windows");
        foreach (var a in BurnRateAlerts.For(period))
        {
            table.AddRow(a.Severity, SloFigures.Duration(a.LongWindow), SloFigures.Duration(a.ShortWindow),
                (a.BudgetShare * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
                a.Factor.ToString("0.####", CultureInfo.InvariantCulture),
                "> " + (a.Factor * ErrorBudget.Ratio(objective) * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%");
        }

        console.Write(table);
        console.WriteLine(BurnRateAlerts.Convention(period));
        console.WriteLine("An alert fires when the burn rate over both its windows exceeds its factor; burn rate 1 spends the budget exactly by the period's end.");
        return ExitCodes.Success;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
