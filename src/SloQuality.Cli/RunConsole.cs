using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using Spectre.Console;

namespace SloQuality.Cli;

/// <summary>
/// Terminal output of a run: a live progress bar on an interactive terminal (plain lines otherwise),
/// then the summary table. Text from datasets and models is never parsed as Spectre markup.
/// </summary>
internal sealed class RunConsole
{
    private readonly IAnsiConsole console;
    private readonly bool interactive;

    public RunConsole(TextWriter output, bool showProgress)
    {
        var redirected = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected;
        console = Consoles.For(output);
        interactive = showProgress && !redirected && console.Profile.Capabilities.Interactive;
    }

    public async Task<RunOutcome> RunWithProgressAsync(string title, int total, Func<IProgress<int>, Task<RunOutcome>> run)
    {
        if (!interactive)
        {
            console.WriteLine($"evaluating {title} ({total} items)");
            return await run(new Progress<int>()).ConfigureAwait(false);
        }

        RunOutcome? outcome = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Consoles.Text(title), maxValue: total);
                var progress = new SynchronousProgress(done => task.Value = Math.Max(task.Value, done));
                outcome = await run(progress).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
        return outcome!;
    }

    public void PrintSummary(RunSummary summary, string folder)
    {
        var table = new Table().Title(new TableTitle(Consoles.Text($"{summary.Dataset.Name} on {summary.Model.Target}")))
            .AddColumn("Metric").AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn(new TableColumn("95% interval").RightAligned()).AddColumn(new TableColumn("n").RightAligned());
        foreach (var row in ReportFigures.Rows(summary))
        {
            table.AddRow(new Text(row.Metric), new Text(row.Value), new Text(row.Interval), new Text(row.N));
        }

        table.Caption(new TableTitle(Consoles.Text(ReportFigures.ItemsLine(summary))));
        console.Write(table);
        console.WriteLine($"run {summary.RunId}: reports in {Path.GetFullPath(folder)}");
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post late updates after the bar is gone.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
