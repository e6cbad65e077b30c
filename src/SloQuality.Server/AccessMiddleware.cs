namespace SloQuality.Server;

/// <summary>
/// Decides every request by the endpoint routing matched, never by comparing path strings: routing
/// matches <c>/METRICS</c> and <c>/metrics/</c> to the metrics endpoint, so they need what it needs.
/// A write from another origin is refused before it reaches the endpoint (a browser holding cached
/// Basic credentials can be made to send one).
/// </summary>
public static class AccessMiddleware
{
    public static void UseSloQualityAccess(this WebApplication app, Access access) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            // Nothing matched: routing answers 404 and nothing is served.
            await next(context).ConfigureAwait(false);
            return;
        }

        var needed = (endpoint.Metadata.GetMetadata<AccessRule>() ?? AccessRule.FullOnly).For(context.Request.Method);
        var level = access.Of(context);
        if (level < needed)
        {
            if (level == Access.Level.None)
            {
                Access.Challenge(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        if (needed > Access.Level.None && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && CrossOrigin.Why(context.Request) is { } reason)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { error = reason }).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });
}
