using System.Text.Json;
using Hangfire.Dashboard;
using Hangfire.States;
using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// Links a finished run's Hangfire job page to the run's page: the succeeded state renders as Hangfire
/// renders it, plus the link when the job's result is a run page's path (<see cref="Jobs.FinalizeRunJob.RunPage"/>).
/// Hangfire offers only its global registry for this, like the dashboard's pages.
/// </summary>
internal static class JobPageLinks
{
    public static void Register() => JobHistoryRenderer.Register(SucceededState.StateName, Render);

    private static NonEscapedString Render(HtmlHelper html, IDictionary<string, string> state)
    {
        var rendered = JobHistoryRenderer.SucceededRenderer(html, state).ToString();
        return state.TryGetValue("Result", out var result) && RunPath(result) is { } path
            ? new NonEscapedString(rendered + $"<dl class=\"dl-horizontal\"><dt>Run:</dt><dd><a href=\"{E(path)}\">{E(path)}</a> · <a href=\"/hangfire/slos\">Quality SLOs</a></dd></dl>")
            : new NonEscapedString(rendered);
    }

    /// <summary>The path when the result is one (a JSON string "/runs/..." with nothing that could leave the page).</summary>
    private static string? RunPath(string result)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(result) is { } path && path.StartsWith("/runs/", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal) ? path : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
