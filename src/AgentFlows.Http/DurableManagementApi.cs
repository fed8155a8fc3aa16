using AgentFlows.Http.Endpoints;
using AgentFlows.Http.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlows.Http;

/// <summary>Maps the Durable-Functions-compatible management API (the routes of DF's <c>HttpApiHandler</c>).</summary>
public static class DurableManagementApi
{
    /// <summary>The base path Durable Functions serves the API at.</summary>
    public const string DefaultBasePath = "/runtime/webhooks/durabletask";

    /// <summary>Registers the API's options.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDurableTaskManagementApi(this IServiceCollection services, Action<DurableManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DurableManagementOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Maps the management API under <paramref name="basePath"/>. It resolves <see cref="Client.DurableTaskClient"/>
    /// from the request services and reads <see cref="DurableManagementOptions"/> from options.
    /// </summary>
    /// <param name="endpoints">The route builder (the app).</param>
    /// <param name="basePath">The base path.</param>
    /// <returns>The route group, for adding authorization, rate limits or filters.</returns>
    /// <remarks>
    /// <para>
    /// Routes, query parameters, status codes, headers and JSON follow Durable Functions' <c>HttpApiHandler</c>. Any
    /// other path or method under the base path answers 404 (DF answers 404 for unknown routes and for wrong methods on
    /// known ones, never 405). Errors are RFC 9457 problem details with a <see cref="ProblemTypes"/> type, except the
    /// empty 404 of an unknown instance's status, which DF clients expect.
    /// </para>
    /// <para>
    /// Where DF versions differ, the current handler wins: starting (or restarting with the same id) over a
    /// non-terminal instance is 409, purging a non-terminal instance is 412, rewinding a running instance is 412
    /// (a Completed/Terminated/Canceled one stays 410). Deliberate differences: the 202 check-status body carries all
    /// nine management URIs (DF's webhook leaves out <c>rewindPostUri</c>); wait mode needs only <c>timeout</c> (as
    /// DF's poll-free providers), is capped by <see cref="DurableManagementOptions.MaxWaitForCompletion"/>, and honours
    /// <c>returnInternalServerErrorOnFailure</c>; bodies over <see cref="DurableManagementOptions.MaxRequestBodySize"/>
    /// are 413; invalid instance ids are 400 on every route; <c>taskHub</c>/<c>connection</c> are ignored.
    /// </para>
    /// </remarks>
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints, string basePath = DefaultBasePath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(basePath);
        var group = endpoints.MapGroup(basePath)
            .WithTags("Durable Functions management")
            .WithMetadata(new ManagementApiBase(basePath))
            .AddEndpointFilter<ManagementExceptionFilter>();
        group.MapOrchestratorEndpoints()
            .MapInstanceQueryEndpoints()
            .MapInstanceOperationEndpoints()
            .MapPurgeEndpoints();
        group.Map("{**path}", RouteNotFound).ExcludeFromDescription();
        return group;
    }

    private static ProblemHttpResult RouteNotFound(HttpContext http) => Problems.Create(
        StatusCodes.Status404NotFound, ProblemTypes.RouteNotFound, "Not found", $"The management API has no route {http.Request.Method} {http.Request.Path}.");
}
