using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SloQuality.Server;

/// <summary>
/// Who may see the dashboard and the API: anyone on loopback in Development; otherwise a user and
/// password (HTTP Basic) or a bearer token from the environment, with an optional read-only user.
/// Comparisons are constant-time; no credential is logged.
/// </summary>
public sealed class Access(ServerSettings settings, IHostEnvironment environment)
{
    public enum Level { None, ReadOnly, Full }

    public Level Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (environment.IsDevelopment() && remote is not null && IPAddress.IsLoopback(remote))
        {
            return Level.Full;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Same(header[7..].Trim(), settings.DashboardToken) ? Level.Full : Level.None;
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Level.None;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return Level.None;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return Level.None;
        }

        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return Same(user, settings.DashboardUser) && Same(password, settings.DashboardPassword) ? Level.Full
            : Same(user, settings.ReadOnlyUser) && Same(password, settings.ReadOnlyPassword) ? Level.ReadOnly
            : Level.None;
    }

    /// <summary>401 with a Basic challenge, so a browser asks for the user and password.</summary>
    public static void Challenge(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"SloQuality\", charset=\"UTF-8\"";
    }

    private static bool Same(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
