using Microsoft.Net.Http.Headers;

namespace SloQuality.Server;

/// <summary>
/// Whether a state-changing request comes from a page of another site. Browsers send
/// <c>Sec-Fetch-Site</c> and <c>Origin</c> on such requests; command-line clients send neither and are
/// not affected.
/// </summary>
public static class CrossOrigin
{
    public static string? Why(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"a {request.Method} from another site (Sec-Fetch-Site: {fetchSite}) is refused";
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return "a request with an Origin that is not a URL is refused";
        }

        // The authority only: behind a proxy that ends TLS the page is https and the request http.
        var sameHost = string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return sameHost ? null : "a request from another origin is refused";
    }
}
