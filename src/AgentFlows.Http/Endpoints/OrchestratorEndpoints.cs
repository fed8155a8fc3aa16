using AgentFlows.Client;
using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AgentFlows.Http.Endpoints;

/// <summary><c>POST orchestrators/{functionName}/{instanceId?}</c>: starts an instance.</summary>
internal static class OrchestratorEndpoints
{
    public static RouteGroupBuilder MapOrchestratorEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("orchestrators/{functionName}/{instanceId?}", StartAsync)
            .WithSummary("Starts an orchestration instance; with timeout, waits for it to finish.");
        return group;
    }

    /// <summary>
    /// Body: the input as JSON (empty → null). 202 check-status; 400 unknown orchestrator, invalid id or invalid JSON;
    /// 409 when the id exists and is not terminal; wait mode per <see cref="CheckStatusResponses.RespondAsync"/>.
    /// </summary>
    public static async Task<Results<Accepted<HttpManagementPayload>, ContentHttpResult, Ok<InstanceStatusPayload>, JsonHttpResult<InstanceStatusPayload>, ProblemHttpResult>> StartAsync(
        string functionName,
        string? instanceId,
        HttpContext http,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<DurableManagementOptions> options,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(instanceId))
        {
            RouteIds.Check(http.Request, instanceId);
        }

        var body = await JsonBody.ReadAsync(http.Request, options.Value.MaxRequestBodySize, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var startOptions = new StartOrchestrationOptions { InstanceId = string.IsNullOrEmpty(instanceId) ? null : instanceId };
        var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, body.Value, startOptions, cancellationToken);
        return await CheckStatusResponses.RespondAsync(http, client, options.Value, id, cancellationToken);
    }
}
