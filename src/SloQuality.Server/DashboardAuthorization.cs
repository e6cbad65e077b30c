using Hangfire.Dashboard;

namespace SloQuality.Server;

/// <summary>The dashboard's door: <see cref="Access"/> decides; a refused browser is asked for credentials.</summary>
public sealed class DashboardAuthorization(Access access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (access.Of(http) != Access.Level.None)
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"SloQuality\", charset=\"UTF-8\"";
        return false;
    }
}
