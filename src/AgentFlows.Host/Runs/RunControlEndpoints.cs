using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using System.Security.Claims;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Runs;

/// <summary>
/// Cancel, rewind and purge. Each checks the run's status first, so a request that cannot apply is a 409 and writes
/// nothing; a race with a worker (the run ended meanwhile) is still a 409, from the client's own check.
/// </summary>
internal static class RunControlEndpoints
{
    public static RouteGroupBuilder MapRunControlEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("{runId}/cancel", CancelAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Cancels a run that has not ended (and its sub-orchestrations).");
        group.MapPost("{runId}/rewind", RewindAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Re-runs the failed steps of a Failed run.");
        group.MapPost("{runId}/approve", RunApprovalEndpoint.ApproveAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Answers steps waiting for approval: retry, skip or abort.");
        group.MapDelete("{runId}", PurgeAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Deletes a run that has ended, with its history.");
        return group;
    }

    /// <summary>202 once the termination is durable; 404 unknown; 409 when the run has ended. <c>reason</c> in the body or the query.</summary>
    public static async Task<Results<Accepted<RunActionAccepted>, ProblemHttpResult>> CancelAsync(
        string runId, HttpContext http, [FromServices] DurableTaskClient client, [FromServices] IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        var (reason, problem) = await ReadReasonAsync(http, api.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await RunLookup.FindAsync(client, runId, http.User.TenantOf(), cancellationToken) is not { } run)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        if (run.IsCompleted)
        {
            return ApiProblems.Conflict($"Run '{runId}' has already ended ({RunProjection.StatusOf(run)}); only a run that has not ended can be canceled.");
        }

        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions(reason, Recursive: true), cancellationToken);
        return Accepted(run, "cancel");
    }

    /// <summary>202 once the rewind is durable; 404 unknown; 409 unless the run is Failed.</summary>
    public static async Task<Results<Accepted<RunActionAccepted>, ProblemHttpResult>> RewindAsync(
        string runId, HttpContext http, [FromServices] DurableTaskClient client, [FromServices] IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        var (reason, problem) = await ReadReasonAsync(http, api.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await RunLookup.FindAsync(client, runId, http.User.TenantOf(), cancellationToken) is not { } run)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return ApiProblems.Conflict($"Run '{runId}' is {RunProjection.StatusOf(run)}; only a Failed run can be rewound.");
        }

        await client.RewindInstanceAsync(runId, reason ?? "Rewound through the run API.", cancellationToken);
        return Accepted(run, "rewind");
    }

    /// <summary>204 once purged; 404 unknown; 409 while the run has not ended.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> PurgeAsync(
        string runId, ClaimsPrincipal user, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await RunLookup.FindAsync(client, runId, user.TenantOf(), cancellationToken) is not { } run)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        if (!run.IsCompleted)
        {
            return ApiProblems.Conflict($"Run '{runId}' is {RunProjection.StatusOf(run)}; cancel it first, only a run that has ended can be deleted.");
        }

        var purged = await client.PurgeInstanceAsync(runId, new PurgeInstanceOptions(Recursive: true), cancellationToken);
        return purged.PurgedInstanceCount > 0 ? TypedResults.NoContent() : ApiProblems.RunNotFoundFor(runId);
    }

    /// <summary>The 202 answer of a control request.</summary>
    /// <param name="run">The run as it was when the request was accepted.</param>
    /// <param name="action">The action.</param>
    /// <param name="steps">The steps concerned, for approve.</param>
    /// <returns>The result.</returns>
    public static Accepted<RunActionAccepted> Accepted(OrchestrationMetadata run, string action, IReadOnlyList<string>? steps = null) =>
        TypedResults.Accepted(RunLookup.PathOf(run.InstanceId), new RunActionAccepted(run.InstanceId, action, RunProjection.StatusOf(run), RunLinks.For(run.InstanceId), steps));

    private static async Task<(string? Reason, ProblemHttpResult? Problem)> ReadReasonAsync(HttpContext http, ApiOptions api, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.MaxRequestBodyBytes, cancellationToken);
        if (body.Problem is { } invalid)
        {
            return (null, invalid);
        }

        var errors = new FieldErrors();
        string? reason = null;
        if (body.Value is { } value)
        {
            if (value.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                errors.Add("body", $"must be a JSON object such as {{\"reason\": \"…\"}}, not {FieldErrors.Kind(value)}");
            }
            else
            {
                reason = errors.String(value, "reason", "reason", 2000);
            }
        }

        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        var query = http.Request.Query["reason"];
        return (reason ?? (query.Count > 0 && !string.IsNullOrEmpty(query[^1]) ? query[^1] : null), null);
    }
}
