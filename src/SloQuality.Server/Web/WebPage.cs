using static SloQuality.Core.Reports.HtmlReport;

namespace SloQuality.Server.Web;

/// <summary>
/// The service's own pages: one self-contained document each (inline CSS, no script, a CSP that loads
/// nothing), a bar of links to the others, every piece of text escaped.
/// </summary>
internal static class WebPage
{
    private const string NavStyle = "nav{border-bottom:1px solid #e3e7ec;padding-bottom:.4rem;margin-bottom:1rem}nav a{margin-right:1rem}"
        + ".filters a{margin-right:.6rem}.filters a.on{font-weight:600;text-decoration:none;color:#1c2430}.legend{color:#5a6573;font-size:12px}";

    public static IResult Html(string title, string body, string extraStyle = "", int status = StatusCodes.Status200OK)
    {
        var nav = "<nav><a href=\"/hangfire/slos\">Quality SLOs</a><a href=\"/reports\">Reports</a><a href=\"/hangfire\">Jobs</a><a href=\"/api/openapi.json\">API</a></nav>";
        return Results.Content(Document(title, nav + body, NavStyle + extraStyle), "text/html; charset=utf-8", statusCode: status);
    }

    public static IResult NotFound(string message) =>
        Html("Not found", $"<h1>Not found</h1><p class=\"warn\">{E(message)}</p>", status: StatusCodes.Status404NotFound);

    /// <summary>A link to a run's page; the id is escaped for the path and the text alike.</summary>
    public static string RunLink(string runId) =>
        $"<a href=\"/runs/{E(Uri.EscapeDataString(runId))}\"><code>{E(runId)}</code></a>";

    public static string Number(double value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
