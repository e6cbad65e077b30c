using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using SloQuality.Core.Evaluation;
using SloQuality.Core.Reports;
using SloQuality.Core.Slo;
using SloQuality.Jobs;

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
        WriteLiteral("<h1 class=\"page-header\">Quality SLOs</h1>");
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
            var fold = SloFoldService.Create(services.GetRequiredService<ISloSliceStore>(), time, settings.ConfigFolder).FoldAsync(set, CancellationToken.None).GetAwaiter().GetResult();
            WriteSlos(fold);
        }

        WriteRuns(services.GetRequiredService<IResultStore>(), services.GetRequiredService<IRunChunkStore>(), time);
        WriteDatasets(services.GetRequiredService<DatasetCatalog>());
    }

    private void WriteSlos(SloFoldResult fold)
    {
        if (fold.Current.Count == 0)
        {
            WriteLiteral("<p>No SLO has data yet: the first runs are on their way.</p>");
        }

        foreach (var target in fold.Current.GroupBy(e => e.ModelTarget))
        {
            WriteLiteral("<h3>");
            Write(target.Key);
            WriteLiteral("</h3><table class=\"table table-condensed\"><thead><tr><th>SLO</th><th>SLI</th><th>95% interval</th><th>n</th><th>Status</th><th>Budget left</th><th>Burn rate</th><th>Alert</th></tr></thead><tbody>");
            foreach (var row in target.Select(SloFigures.For))
            {
                var css = row.Status == "met" ? "success" : row.Status == "breached" ? "danger" : "warning";
                WriteLiteral($"<tr class=\"{css}\"><td>");
                Write(row.Slo);
                WriteLiteral("</td><td>");
                Write(row.Value);
                WriteLiteral("</td><td>");
                Write(row.Interval);
                WriteLiteral("</td><td>");
                Write(row.N);
                WriteLiteral("</td><td>");
                Write(row.Status);
                WriteLiteral("</td><td>");
                Write(row.BudgetRemaining);
                WriteLiteral("</td><td>");
                Write(row.BurnRate);
                WriteLiteral("</td><td>");
                Write(row.Alert);
                WriteLiteral("</td></tr>");
            }

            WriteLiteral("</tbody></table>");
        }
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
            WriteLiteral("<tr><td><code>");
            Write(run.RunId);
            WriteLiteral("</code></td><td>");
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
