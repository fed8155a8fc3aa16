using AgentFlows.Host.Logging;
using AgentFlows.Host.Security;

namespace AgentFlows.Host.Composition;

/// <summary>
/// Wires access control, rate limits, security headers, CORS, request size limits and secret redaction. The order of
/// the middleware matters: headers first (so even refusals carry them), then routing, CORS, who the caller is, the
/// caller's budget, and finally what the caller may do.
/// </summary>
internal static class SecurityRegistration
{
    /// <summary>The largest request body Kestrel reads at all; each API has its own, smaller or equal, limit.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Registers the services.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddAgentFlowsSecurity(this WebApplicationBuilder builder)
    {
        var keys = SecuritySettings.LoadKeys(builder.Configuration);
        builder.Services.AddSecretRedaction(SecretRedactor.FromConfiguration(builder.Configuration));
        builder.Services.AddAgentFlowsAccess(keys);
        builder.Services.AddAgentFlowsRateLimits(RateLimitSettings.Load(builder.Configuration));
        builder.Services.AddConfiguredCors(CorsSettings.Origins(builder.Configuration));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Adds the middleware, in order.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication UseAgentFlowsSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRouting();
        if (CorsSettings.Origins(app.Configuration).Length > 0)
        {
            app.UseCors(CorsSettings.Policy);
        }

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
