using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;
using SloQuality.Jobs;
using SloQuality.Server.Web;

namespace SloQuality.Server;

/// <summary>
/// The "Quality SLOs" page of the Hangfire dashboard: each model target's SLO status, budget left and
/// alert state, the latest runs with their progress, and the datasets with their validation problems.
/// Every value goes through <see cref="RazorPage.Write(object)"/>, which HTML-encodes it.
/// </summary>
internal sealed class SloDashboardPage : RazorPage
{
    public const string Path = "/slos";

    /// <summary>Adds the page and its menu item. Hangfire's dashboard only offers its global registries for this.</summary>
    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new SloDashboardPage());
        NavigationMenu.Items.Add(page => new MenuItem("Quality SLOs", page.Url.To(Path)) { Active = page.RequestPath.StartsWith(Path, StringComparison.Ordinal) });
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Quality SLOs");
        var services = Context.GetHttpContext().RequestServices;
        var settings = services.GetRequiredService<ServerSettings>();
        var time = services.GetRequiredService<TimeProvider>();
        WriteLiteral("<h1 class=\"page-header\">Quality SLOs</h1><p><a href=\"/reports\">Daily and weekly reports</a> · <a href=\"/compare\">Compare two runs</a></p>");
        var (set, problems) = SloCatalog.Load(settings.ConfigFolder);
        if (problems.Count > 0)
        {
            WriteLiteral("<div class=\"alert alert-danger\">slos.yaml is invalid:<ul>");
            foreach (var problem in problems)
            {
                WriteLiteral("<li>");
                Write(problem.ToString());
                WriteLiteral("</li>");
            }

            WriteLiteral("</ul></div>");
        }
        else
        {
            var fold = SloFoldService.Create(services.GetRequiredService<ISloSliceStore>(), time, settings.ConfigFolder).FoldAsync(set, CancellationToken.None, seriesPoints: 24).GetAwaiter().GetResult();
            WriteSlos(set, fold);
        }

        WriteRuns(services.GetRequiredService<IResultStore>(), services.GetRequiredService<IRunChunkStore>(), time);
        WriteDatasets(services.GetRequiredService<DatasetCatalog>());
    }

    private void WriteSlos(SloSet set, SloFoldResult fold)
    {
        if (fold.Current.Count == 0)
        {
            WriteLiteral("<p>No SLO has data yet: the first runs are on their way.</p>");
        }

        var series = (fold.Series ?? []).ToDictionary(s => (s.Slo, s.ModelTarget));
        foreach (var target in fold.Current.GroupBy(e => e.ModelTarget))
        {
            WriteLiteral("<h3>");
            Write(target.Key);
            WriteLiteral("</h3><table class=\"table table-condensed\"><thead><tr><th>SLO</th><th>Promise</th><th>SLI</th><th>95% interval</th><th>n</th><th>Over the window</th><th>Status</th><th>Budget left</th><th>Burn rate</th><th>Alert</th></tr></thead><tbody>");
            foreach (var e in target)
            {
                var slo = set.Slos.First(s => s.Name == e.Slo);
                var css = e.Status == SloEvaluation.Met ? "success" : e.Status == SloEvaluation.Breached ? "danger" : "warning";
                WriteLiteral($"<tr class=\"{css}\"><td>");
                Write(e.Slo);
                WriteLiteral("</td><td>");
                Write(SloPageFigures.Promise(slo));
                WriteLiteral("</td><td>");
                Write(SloPageFigures.Value(e.Sli, e.Value));
                WriteLiteral("</td><td>");
                Write(e.Low is null || e.High is null ? string.Empty : $"[{SloPageFigures.Value(e.Sli, e.Low)}, {SloPageFigures.Value(e.Sli, e.High)}]");
                WriteLiteral("</td><td>");
                Write(e.N.ToString(CultureInfo.InvariantCulture));
                WriteLiteral("</td><td>");
                WriteLiteral(series.TryGetValue((e.Slo, e.ModelTarget), out var line) ? SloPageFigures.Sparkline(line, slo) : string.Empty);
                WriteLiteral("</td><td>");
                Write(e.Status.Replace('_', ' '));
                WriteLiteral("</td><td>");
                Write(SloFigures.Budget(e.Budget));
                WriteLiteral("</td><td>");
                Write(e.BurnRate is { } b ? (double.IsInfinity(b) ? "∞" : b.ToString("0.0", CultureInfo.InvariantCulture)) : "-");
                WriteLiteral("</td><td>");
                Write(e.Alert.State);
                WriteLiteral("</td></tr>");
            }

            WriteLiteral("</tbody></table>");
        }

        WriteLiteral(SloPageFigures.Legend);
    }

    private void WriteRuns(IResultStore results, IRunChunkStore chunks, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var runs = results.GetRunsAsync(now.AddDays(-7), now.AddMinutes(1), CancellationToken.None).GetAwaiter().GetResult().TakeLast(15).Reverse();
        WriteLiteral("<h3>Latest runs</h3><table class=\"table table-condensed\"><thead><tr><th>Run</th><th>Dataset</th><th>Target</th><th>Origin</th><th>Items</th><th>Chunks</th><th>Finished</th></tr></thead><tbody>");
        foreach (var stored in runs)
        {
            var run = stored.Run;
            var progress = chunks.GetProgressAsync(run.RunId, CancellationToken.None).GetAwaiter().GetResult();
            WriteLiteral("<tr><td>");
            WriteLiteral(WebPage.RunLink(run.RunId));
            WriteLiteral("</td><td>");
            Write(run.DatasetName);
            WriteLiteral("</td><td>");
            Write(run.ModelTarget);
            WriteLiteral("</td><td>");
            Write(run.Origin);
            WriteLiteral("</td><td>");
            Write(run.PlannedItems.ToString(CultureInfo.InvariantCulture));
            WriteLiteral("</td><td>");
            Write(progress is null ? "-" : $"{progress.Done}/{progress.Total}");
            WriteLiteral("</td><td>");
            Write(run.FinishedAt?.ToString("u", CultureInfo.InvariantCulture) ?? run.Status);
            WriteLiteral("</td></tr>");
        }

        WriteLiteral("</tbody></table>");
    }

    private void WriteDatasets(DatasetCatalog catalog)
    {
        WriteLiteral("<h3>Golden datasets</h3><table class=\"table table-condensed\"><thead><tr><th>Dataset</th><th>Items</th><th>State</th></tr></thead><tbody>");
        foreach (var dataset in catalog.LoadAll())
        {
            WriteLiteral(dataset.IsValid ? "<tr>" : "<tr class=\"danger\">");
            WriteLiteral("<td>");
            Write(System.IO.Path.GetFileName(dataset.Path));
            WriteLiteral("</td><td>");
            Write(dataset.Dataset?.Items.Count.ToString(CultureInfo.InvariantCulture) ?? "-");
            WriteLiteral("</td><td>");
            Write(dataset.IsValid ? "valid" : string.Join("\n", dataset.Problems.Select(p => p.ToString())));
            WriteLiteral("</td></tr>");
        }

        WriteLiteral("</tbody></table>");
    }
}
