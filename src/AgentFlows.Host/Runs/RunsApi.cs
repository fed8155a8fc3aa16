using AgentFlows.Host.Api;
using AgentFlows.Host.Security;

namespace AgentFlows.Host.Runs;

/// <summary>Maps the run API (CONTRACT §3) under <c>/api/runs</c>.</summary>
internal static class RunsApi
{
    /// <summary>
    /// Maps every run route; each group of routes lives in its own endpoint class and names the role each route needs:
    /// reader for GETs, operator to start and steer runs, admin to delete them.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs").AddEndpointFilter<ApiExceptionFilter>();
        group.MapPost(string.Empty, StartRunEndpoint.HandleAsync)
            .RequireAuthorization(AccessPolicies.Operator)
            .RequireRateLimiting(RateLimits.RunStartsPolicy)
            .WithSummary("Starts a run (idempotent on runId).");
        group.MapRunQueryEndpoints();
        group.MapRunControlEndpoints();
        group.MapRunEventsEndpoints();
        return group;
    }
}
