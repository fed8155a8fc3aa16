using Microsoft.AspNetCore.Http;

namespace AgentFlows.Http.Internal;

/// <summary>Endpoint metadata carrying the base path the management API was mapped at, for building its URIs.</summary>
/// <param name="BasePath">The base path.</param>
internal sealed record ManagementApiBase(string BasePath)
{
    public static ManagementUris UrisFor(HttpContext http, DurableManagementOptions options)
    {
        var basePath = http.GetEndpoint()?.Metadata.GetMetadata<ManagementApiBase>()?.BasePath ?? DurableManagementApi.DefaultBasePath;
        return ManagementUris.FromRequest(http.Request, options, basePath);
    }
}
