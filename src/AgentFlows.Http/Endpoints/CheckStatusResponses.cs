using System.Text;
using AgentFlows.Client;
using AgentFlows.Http.Internal;
using AgentFlows.Http.Payloads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentFlows.Http.Endpoints;

/// <summary>Answers a start or restart: the 202 check-status payload, or, with <c>timeout</c>, the result once the instance ends.</summary>
internal static class CheckStatusResponses
{
    // CancellationTokenSource.CancelAfter takes at most about 49 days; no HTTP request should wait anywhere near that.
    private static readonly TimeSpan _longestWait = TimeSpan.FromDays(24);

    public static Accepted<HttpManagementPayload> Accepted(HttpContext http, DurableManagementOptions options, string instanceId, bool returnInternalServerErrorOnFailure)
    {
        var payload = ManagementApiBase.UrisFor(http, options).Create(instanceId, returnInternalServerErrorOnFailure);
        http.Response.Headers.RetryAfter = "10";
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }

    /// <summary>
    /// Without <c>timeout</c>: 202 check-status. With it: waits (the store wakes waiters, so <c>pollingInterval</c> is
    /// not needed, as for DF's poll-free providers) and answers 200 with the raw output when Completed, the status
    /// object when Failed/Terminated/Canceled (500 for Failed with <c>returnInternalServerErrorOnFailure=true</c>), or
    /// 202 check-status when the time is up.
    /// </summary>
    public static async Task<Results<Accepted<HttpManagementPayload>, ContentHttpResult, Ok<InstanceStatusPayload>, JsonHttpResult<InstanceStatusPayload>, ProblemHttpResult>> RespondAsync(
        HttpContext http, DurableTaskClient client, DurableManagementOptions options, string instanceId, CancellationToken cancellationToken)
    {
        var returnInternalServerErrorOnFailure = QueryValues.Bool(http.Request, "returnInternalServerErrorOnFailure", false);
        var timeout = QueryValues.Seconds(http.Request, "timeout", options.MaxWaitForCompletion < _longestWait ? options.MaxWaitForCompletion : _longestWait);
        var done = timeout is null ? null : await WaitAsync(client, instanceId, timeout.Value, cancellationToken);
        if (done is null)
        {
            return Accepted(http, options, instanceId, returnInternalServerErrorOnFailure);
        }

        if (done.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            var output = InstanceStatusPayload.OutputOf(done)?.ToJsonString() ?? "null";
            return TypedResults.Text(output, "application/json", Encoding.UTF8, StatusCodes.Status200OK);
        }

        var payload = await StatusResponses.BuildAsync(client, done, http.Request, cancellationToken);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Failed && returnInternalServerErrorOnFailure
            ? TypedResults.Json(payload, statusCode: StatusCodes.Status500InternalServerError)
            : TypedResults.Ok(payload);
    }

    // Returns the instance once terminal, or null when the timeout passes first.
    private static async Task<OrchestrationMetadata?> WaitAsync(DurableTaskClient client, string instanceId, TimeSpan timeout, CancellationToken requestAborted)
    {
        var current = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, requestAborted);
        if (current is null || current.IsCompleted || timeout <= TimeSpan.Zero)
        {
            return current is { IsCompleted: true } ? current : null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
            return done.IsCompleted ? done : null;
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return null;
        }
    }
}
