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

/// <summary>
/// <c>POST instances/{instanceId}/raiseEvent/{eventName}</c> and <c>/terminate</c>, <c>/suspend</c>, <c>/resume</c>,
/// <c>/rewind</c>, <c>/restart</c> (route literals match case-insensitively, as DF's operation names).
/// </summary>
internal static class InstanceOperationEndpoints
{
    public static RouteGroupBuilder MapInstanceOperationEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync)
            .WithSummary("Sends an external event (application/json body) to a running instance.");
        group.MapPost("instances/{instanceId}/terminate", TerminateAsync).WithSummary("Terminates an instance (reason query).");
        group.MapPost("instances/{instanceId}/suspend", SuspendAsync).WithSummary("Suspends an instance (reason query).");
        group.MapPost("instances/{instanceId}/resume", ResumeAsync).WithSummary("Resumes a suspended instance (reason query).");
        group.MapPost("instances/{instanceId}/rewind", RewindAsync).WithSummary("Rewinds a Failed instance (reason query).");
        group.MapPost("instances/{instanceId}/restart", RestartAsync)
            .WithSummary("Starts the instance's orchestrator again with the same input (restartWithNewInstanceId, default true).");
        return group;
    }

    /// <summary>202; 404 unknown; 410 terminal; 400 when the content type is not application/json or the body is not JSON.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string instanceId,
        string eventName,
        HttpContext http,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<DurableManagementOptions> options,
        CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(http.Request, client, instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!JsonBody.IsJsonContentType(http.Request))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest, ProblemTypes.UnsupportedContentType, "Unsupported content type", "Only application/json request content is supported.");
        }

        var body = await JsonBody.ReadAsync(http.Request, options.Value.MaxRequestBodySize, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        await client.RaiseEventAsync(instanceId, eventName, body.Value, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>202; 404 unknown; 410 terminal.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        string instanceId, string? reason, HttpRequest request, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(request, client, instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>202; 404 unknown; 410 terminal.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> SuspendAsync(
        string instanceId, string? reason, HttpRequest request, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(request, client, instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await client.SuspendInstanceAsync(instanceId, reason, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>202; 404 unknown; 410 terminal.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> ResumeAsync(
        string instanceId, string? reason, HttpRequest request, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(request, client, instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await client.ResumeInstanceAsync(instanceId, reason, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// 202 for a Failed instance; 404 unknown; 410 Completed/Terminated/Canceled (as DF's reference); 412 for a
    /// running, pending or suspended instance (as DF's current handler, which answers 412 for every non-Failed status).
    /// </summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RewindAsync(
        string instanceId, string? reason, HttpRequest request, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(RouteIds.Check(request, instanceId), getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return RewindRefused(instanceId, instance.RuntimeStatus);
        }

        try
        {
            await client.RewindInstanceAsync(instanceId, reason, cancellationToken);
        }
        catch (OrchestrationStateException ex)
        {
            return RewindRefused(instanceId, ex.Status);
        }

        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// 202 check-status for the new (or same) id, or the wait-mode answers with <c>timeout</c>; 400 unknown id (as DF:
    /// "InstanceId does not match a valid orchestration instance."); 409 with <c>restartWithNewInstanceId=false</c>
    /// while the instance is not terminal.
    /// </summary>
    public static async Task<Results<Accepted<HttpManagementPayload>, ContentHttpResult, Ok<InstanceStatusPayload>, JsonHttpResult<InstanceStatusPayload>, ProblemHttpResult>> RestartAsync(
        string instanceId,
        HttpContext http,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<DurableManagementOptions> options,
        CancellationToken cancellationToken)
    {
        RouteIds.Check(http.Request, instanceId);
        var newInstanceId = QueryValues.Bool(http.Request, "restartWithNewInstanceId", true);
        string id;
        try
        {
            id = await client.RestartAsync(instanceId, newInstanceId, cancellationToken);
        }
        catch (OrchestrationNotFoundException)
        {
            return Problems.InvalidArgument("InstanceId does not match a valid orchestration instance.");
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.AlreadyExists($"A non-terminal instance with this instance ID already exists ({ex.Status}).");
        }

        return await CheckStatusResponses.RespondAsync(http, client, options.Value, id, cancellationToken);
    }

    // DF checks the status before queuing: unknown → 404, terminal → 410. A race after the check surfaces as the
    // client's exceptions, which the filter maps the same way.
    private static async Task<ProblemHttpResult?> FindLiveAsync(HttpRequest request, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(RouteIds.Check(request, instanceId), getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        return instance.IsCompleted ? Problems.InstanceGone(instanceId, instance.RuntimeStatus) : null;
    }

    private static ProblemHttpResult RewindRefused(string instanceId, OrchestrationRuntimeStatus status) => status.IsTerminal()
        ? Problems.InstanceGone(instanceId, status)
        : Problems.StatusPrecondition($"Orchestration instance '{instanceId}' is {status}, but only instances in the Failed state can be rewound.");
}
