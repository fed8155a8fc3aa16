using AgentFlows.Http;

namespace AgentFlows.Host.Security;

/// <summary>The problems of access control and rate limiting, written as RFC 9457 problem details.</summary>
internal static class AccessProblems
{
    /// <summary>401: no key, or a key that is not configured.</summary>
    public const string Unauthorized = ProblemTypes.Prefix + "unauthorized";

    /// <summary>403: the key's role does not allow the route.</summary>
    public const string Forbidden = ProblemTypes.Prefix + "forbidden";

    /// <summary>403: no keys are configured, so only callers on this machine are served.</summary>
    public const string LoopbackOnly = ProblemTypes.Prefix + "loopback-only";

    /// <summary>429: over the per-key request budget or the run-start limit.</summary>
    public const string TooManyRequests = ProblemTypes.Prefix + "too-many-requests";

    /// <summary>Writes a problem response.</summary>
    /// <param name="http">The request.</param>
    /// <param name="status">The status code.</param>
    /// <param name="type">The problem type.</param>
    /// <param name="title">The title.</param>
    /// <param name="detail">The detail.</param>
    /// <returns>A task.</returns>
    public static Task WriteAsync(HttpContext http, int status, string type, string title, string detail)
    {
        http.Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: title, type: type).ExecuteAsync(http);
    }
}
