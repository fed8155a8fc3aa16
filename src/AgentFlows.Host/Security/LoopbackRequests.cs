using System.Net;

namespace AgentFlows.Host.Security;

/// <summary>Tells whether a request comes from this machine.</summary>
internal static class LoopbackRequests
{
    /// <summary>
    /// True when the caller's address is a loopback address, or when the request has no connection addresses at all
    /// (an in-process test server). A request that carries proxy headers (<c>Forwarded</c>, <c>X-Forwarded-For</c>) is
    /// never loopback: behind a reverse proxy on the same machine every caller would otherwise look local.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <returns>Whether the caller is local.</returns>
    public static bool IsLoopback(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        var remote = http.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return http.Connection.LocalIpAddress is null;
        }

        return IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }
}
