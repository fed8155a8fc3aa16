using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using System.Security.Claims;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentFlows.Host.Runs;

/// <summary><c>GET /api/runs/{runId}</c> and <c>GET /api/runs</c>.</summary>
internal static class RunQueryEndpoints
{
    public static RouteGroupBuilder MapRunQueryEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("{runId}", GetAsync).RequireAuthorization(AccessPolicies.Reader).WithSummary("Gets a run: its plan with each step's progress, result and error.");
        group.MapGet(string.Empty, ListAsync).RequireAuthorization(AccessPolicies.Reader).WithSummary("Lists runs, newest first, with filters and paging.");
        return group;
    }

    /// <summary>200 with the run view derived from history; 404 for an unknown id, another tenant's run or an instance that is not a run.</summary>
    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetAsync(
        string runId, ClaimsPrincipal user, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await RunLookup.FindAsync(client, runId, user.TenantOf(), cancellationToken) is not { } instance)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        var history = await client.GetOrchestrationHistoryAsync(runId, cancellationToken);
        return TypedResults.Ok(RunProjection.Build(instance, history).ToView());
    }

    /// <summary>200 with <c>{ items, totalCount, continuationToken }</c> of the caller's tenant; 400 for a bad filter, <c>top</c> or token.</summary>
    public static async Task<Results<Ok<RunPage>, ProblemHttpResult>> ListAsync(HttpContext http, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (RunListQuery.Parse(http.Request, out var problem) is not { } query)
        {
            return problem!;
        }

        return TypedResults.Ok(await RunListing.ListAsync(client, query, http.User.TenantOf(), cancellationToken));
    }
}
