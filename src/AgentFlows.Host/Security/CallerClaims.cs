using System.Security.Claims;

namespace AgentFlows.Host.Security;

/// <summary>The claims the API key handler gives a caller, and how endpoints read them.</summary>
internal static class CallerClaims
{
    /// <summary>The tenant claim.</summary>
    public const string Tenant = "agentflows:tenant";

    /// <summary>The key id claim (<c>key#N</c>, or <c>loopback</c>): safe to log, used to partition rate limits.</summary>
    public const string KeyId = "agentflows:key";

    /// <summary>Builds the principal of a caller; its role claims include every role below its own.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="role">The role.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <returns>The principal.</returns>
    public static ClaimsPrincipal Create(string keyId, string tenant, CallerRole role, string scheme)
    {
        var claims = new List<Claim> { new(KeyId, keyId), new(Tenant, tenant), new(ClaimTypes.Name, keyId) };
        foreach (var r in Enum.GetValues<CallerRole>().Where(r => r <= role))
        {
            claims.Add(new Claim(ClaimTypes.Role, RoleName(r)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Gets the caller's tenant.</summary>
    /// <param name="user">The caller.</param>
    /// <returns>The tenant; throws when the caller was not authenticated (an endpoint without an access policy).</returns>
    public static string TenantOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The endpoint was reached without an authenticated caller.");

    /// <summary>Gets the caller's key id, or null for an anonymous caller.</summary>
    /// <param name="user">The caller.</param>
    /// <returns>The key id.</returns>
    public static string? KeyIdOf(this ClaimsPrincipal user) => user.FindFirstValue(KeyId);

    /// <summary>Names a role as the settings and the role claims do.</summary>
    /// <param name="role">The role.</param>
    /// <returns>reader, operator or admin.</returns>
    public static string RoleName(CallerRole role) => role switch
    {
        CallerRole.Reader => "reader",
        CallerRole.Operator => "operator",
        _ => "admin",
    };
}
