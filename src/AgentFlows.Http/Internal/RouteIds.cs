using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AgentFlows.Http.Internal;

/// <summary>Checks instance ids taken from the path.</summary>
internal static class RouteIds
{
    /// <summary>Validates an id route value; throws <see cref="ArgumentException"/> (→ 400) when it is not a valid id.</summary>
    /// <remarks>
    /// Kestrel decodes the path except <c>%2F</c> but does decode <c>%25</c>, so a route value holding "%2F" came either
    /// from an encoded slash (<c>a%2Fb</c>: the caller means "a/b", never a valid id) or from an encoded percent sign
    /// (<c>a%252Fb</c>: the literal id "a%2Fb"). The raw request target tells the two apart.
    /// </remarks>
    public static string Check(HttpRequest request, string instanceId)
    {
        if (instanceId.Contains("%2F", StringComparison.OrdinalIgnoreCase) && HasEncodedSlash(request))
        {
            throw new ArgumentException("The instance id must not contain '/', '\\', '#', '?' or control characters; found an encoded '/' (%2F).", nameof(instanceId));
        }

        return InstanceIds.Validate(instanceId);
    }

    private static bool HasEncodedSlash(HttpRequest request)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            return true;
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        return path.Contains("%2F", StringComparison.OrdinalIgnoreCase);
    }
}
