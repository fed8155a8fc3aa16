using System.Security.Claims;

namespace AgentFlows.Host.Security;

/// <summary><c>GET /api/me</c>: who the caller is (tenant and role), so clients such as the dashboard offer only what the caller may do.</summary>
internal static class CallerEndpoints
{
    /// <summary>Maps the route (any authenticated caller).</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapCallerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext http) =>
        {
            var roles = http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            var role = roles.Contains(AccessPolicies.Admin) ? AccessPolicies.Admin : roles.Contains(AccessPolicies.Operator) ? AccessPolicies.Operator : AccessPolicies.Reader;
            return TypedResults.Ok(new { tenant = http.User.TenantOf(), role });
        }).WithTags("Operations").RequireAuthorization(AccessPolicies.Reader);
        return app;
    }
}
