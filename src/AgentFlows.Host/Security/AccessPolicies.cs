using Microsoft.AspNetCore.Authorization;

namespace AgentFlows.Host.Security;

/// <summary>
/// The access policies: one per role, plus metrics (admin, or any caller on this machine). Every endpoint needs at
/// least a reader unless it allows anonymous callers (<c>/healthz</c>).
/// </summary>
internal static class AccessPolicies
{
    /// <summary>GETs of the run and todo APIs.</summary>
    public const string Reader = "reader";

    /// <summary>Starting and steering runs, changing todos.</summary>
    public const string Operator = "operator";

    /// <summary>The management API and purges.</summary>
    public const string Admin = "admin";

    /// <summary><c>/metrics</c>: admin, or a loopback caller (a local scraper needs no key).</summary>
    public const string Metrics = "metrics";

    /// <summary>Registers authentication by API key and the policies.</summary>
    /// <param name="services">The services.</param>
    /// <param name="keys">The configured keys.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAgentFlowsAccess(this IServiceCollection services, ApiKeyRing keys)
    {
        services.AddSingleton(keys);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Reader, p => p.RequireRole(Reader))
            .AddPolicy(Operator, p => p.RequireRole(Operator))
            .AddPolicy(Admin, p => p.RequireRole(Admin))
            .AddPolicy(Metrics, p => p.RequireAssertion(c => c.User.IsInRole(Admin) || (c.Resource is HttpContext http && LoopbackRequests.IsLoopback(http))))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(Reader).Build());
        return services;
    }
}
