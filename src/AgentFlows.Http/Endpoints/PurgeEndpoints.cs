using AgentFlows.Client;
using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AgentFlows.Http.Endpoints;

/// <summary><c>DELETE instances/{instanceId}</c> and <c>DELETE instances</c>: purge one instance, or many by filter.</summary>
internal static class PurgeEndpoints
{
    public static RouteGroupBuilder MapPurgeEndpoints(this RouteGroupBuilder group)
    {
        group.MapDelete("instances/{instanceId}", PurgeAsync).WithSummary("Purges a terminal instance and its history.");
        group.MapDelete("instances", PurgeManyAsync)
            .WithSummary("Purges terminal instances created in a time range (createdTimeFrom required), optionally by runtimeStatus.");
        return group;
    }

    /// <summary>200 <c>{"instancesDeleted":1}</c>; 404 unknown; 412 while not terminal (as DF's current handler).</summary>
    public static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeAsync(
        string instanceId, HttpRequest request, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(RouteIds.Check(request, instanceId), getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        if (!instance.IsCompleted)
        {
            return NotTerminal(instanceId, instance.RuntimeStatus);
        }

        PurgeResult result;
        try
        {
            result = await client.PurgeInstanceAsync(instanceId, cancellationToken: cancellationToken);
        }
        catch (OrchestrationStateException ex)
        {
            return NotTerminal(instanceId, ex.Status);
        }

        return result.PurgedInstanceCount == 0
            ? Problems.InstanceNotFound(instanceId)
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    /// <summary>200 <c>{"instancesDeleted":N}</c>; 404 when nothing matched; 400 without a valid <c>createdTimeFrom</c>.</summary>
    public static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeManyAsync(
        HttpContext http, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (QueryValues.Time(request, "createdTimeFrom") is not { } from)
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest, ProblemTypes.MissingParameter, "Missing parameter", "Please provide value for 'createdTimeFrom' parameter.");
        }

        var filter = new PurgeInstancesFilter(from, QueryValues.Time(request, "createdTimeTo"), QueryValues.Statuses(request, "runtimeStatus"));
        var result = await client.PurgeAllInstancesAsync(filter, cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NoInstancesPurged, "No instances purged", "No terminal instance matched the filter.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    private static ProblemHttpResult NotTerminal(string instanceId, OrchestrationRuntimeStatus status) => Problems.StatusPrecondition(
        $"Only orchestrations in a terminal state can be purged, but the orchestration with instance ID {instanceId} has status {status}.");
}
