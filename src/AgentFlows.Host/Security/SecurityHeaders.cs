namespace AgentFlows.Host.Security;

/// <summary>
/// Adds the security headers to every response, errors included: no MIME sniffing, no framing, no referrer, a
/// same-origin content security policy fitting the dashboard, and HSTS when the request came over HTTPS.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The content security policy: everything from this origin only; nothing may frame the pages.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the middleware.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        }, http);
        return next(http);
    });
}
