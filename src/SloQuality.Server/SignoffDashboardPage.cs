using System.Globalization;
using System.Text.Json;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using SloQuality.Core.Reports;
using SloQuality.Core.Signoff;

namespace SloQuality.Server;

/// <summary>
/// The "Sign-offs" pages of the Hangfire dashboard: the list of model-release sign-offs (newest first)
/// and each one with its verdict and every rule's numbers. Every value is HTML-encoded by <see cref="RazorPage.Write(object)"/>.
/// </summary>
internal sealed class SignoffDashboardPage(string? signoffId) : RazorPage
{
    public const string Path = "/signoffs";

    public static void Register()
    {
        DashboardRoutes.Routes.AddRazorPage(Path, _ => new SignoffDashboardPage(null));
        DashboardRoutes.Routes.AddRazorPage(Path + "/(?<id>[A-Za-z0-9_.-]+)", match => new SignoffDashboardPage(match.Groups["id"].Value));
        NavigationMenu.Items.Add(page => new MenuItem("Sign-offs", page.Url.To(Path)) { Active = page.RequestPath.StartsWith(Path, StringComparison.Ordinal) });
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Sign-offs");
        var store = Context.GetHttpContext().RequestServices.GetRequiredService<ISignoffStore>();
        if (signoffId is null)
        {
            WriteList(store.ListSignoffsAsync(100, CancellationToken.None).GetAwaiter().GetResult());
            return;
        }

        var json = store.GetSignoffAsync(signoffId, CancellationToken.None).GetAwaiter().GetResult();
        if (json is null)
        {
            WriteLiteral("<h1 class=\"page-header\">Sign-off not found</h1><p>");
            Write(signoffId);
            WriteLiteral("</p>");
            return;
        }

        WriteRecord(JsonSerializer.Deserialize<SignoffRecord>(json, SloqJson.Compact)!);
    }

    private void WriteList(IReadOnlyList<(string SignoffId, DateTimeOffset At, string Candidate, string Baseline, string Verdict, string? Approver)> list)
    {
        WriteLiteral("<h1 class=\"page-header\">Sign-offs</h1>");
        if (list.Count == 0)
        {
            WriteLiteral("<p>No sign-off yet: run <code>sloq signoff</code> or POST /api/signoffs.</p>");
            return;
        }

        WriteLiteral("<table class=\"table\"><thead><tr><th>Sign-off</th><th>When (UTC)</th><th>Candidate</th><th>Baseline</th><th>Verdict</th><th>Approver</th></tr></thead><tbody>");
        foreach (var s in list)
        {
            WriteLiteral("<tr><td><a href=\"");
            Write(Url.To(Path + "/" + s.SignoffId));
            WriteLiteral("\">");
            Write(s.SignoffId);
            WriteLiteral("</a></td><td>");
            Write(s.At.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
            WriteLiteral("</td><td>");
            Write(s.Candidate);
            WriteLiteral("</td><td>");
            Write(s.Baseline);
            WriteLiteral("</td><td>");
            Write(s.Verdict);
            WriteLiteral("</td><td>");
            Write(s.Approver ?? string.Empty);
            WriteLiteral("</td></tr>");
        }

        WriteLiteral("</tbody></table>");
    }

    private void WriteRecord(SignoffRecord record)
    {
        WriteLiteral("<h1 class=\"page-header\">");
        Write($"{record.Candidate} against {record.Baseline}: {record.Result.Verdict}");
        WriteLiteral("</h1><p>");
        Write($"{record.SignoffId}, {record.At.UtcDateTime:u}, approver {record.Approver ?? "none"}, {record.Result.PairedItems} paired items");
        WriteLiteral("</p>");
        foreach (var (name, verdict) in new[] { ("overall", record.Result) }.Concat(record.Datasets.Select(d => ($"{d.Dataset} (version {d.ContentHash[..Math.Min(12, d.ContentHash.Length)]}; runs {d.BaselineRunId} vs {d.CandidateRunId})", d.Verdict))))
        {
            WriteLiteral("<h3>");
            Write($"{name}: {verdict.Verdict}");
            WriteLiteral("</h3><table class=\"table\"><thead><tr><th>Rule</th><th>Outcome</th><th>Figures</th></tr></thead><tbody>");
            foreach (var rule in verdict.Rules)
            {
                WriteLiteral(rule.Outcome == SignoffRule.Fail ? "<tr class=\"danger\"><td>" : "<tr><td>");
                Write(rule.Name);
                WriteLiteral("</td><td>");
                Write(rule.Outcome);
                WriteLiteral("</td><td>");
                Write(rule.Detail);
                WriteLiteral("</td></tr>");
            }

            WriteLiteral("</tbody></table>");
        }
    }
}
