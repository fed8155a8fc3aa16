using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using AgentFlows.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Runs;

/// <summary><c>POST /api/runs</c>: validates, plans, then starts the <c>AgentRun</c> orchestration; idempotent on <c>runId</c>.</summary>
internal static class StartRunEndpoint
{
    // Deduplicate on every status: the same runId never starts a second run, not even after the first one ended.
    private static readonly OrchestrationRuntimeStatus[] _allStatuses = Enum.GetValues<OrchestrationRuntimeStatus>();

    /// <summary>
    /// 202 with <c>Location: /api/runs/{runId}</c>; 200 with the same body when a run with the requested id already
    /// exists; 400 malformed JSON or a wrong field; 413 over the body limit; 422 an invalid plan or an unplannable
    /// prompt; 409 when the id belongs to an instance that is not a run, or to another tenant's run (answered exactly
    /// alike, so the answer tells nothing about the other tenant). Nothing is written unless the answer is 202.
    /// The run belongs to the caller's tenant.
    /// </summary>
    public static async Task<Results<Accepted<RunAccepted>, Ok<RunAccepted>, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<ApiOptions> api,
        [FromServices] IOptions<DurableManagementOptions> management,
        [FromServices] RunPlannerSettings planner,
        CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.Value.MaxRequestBodyBytes, cancellationToken);
        if (body.Problem is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        var request = StartRunBody.Parse(body.Value, errors);
        if (request is null)
        {
            return errors.ToProblem();
        }

        var tenant = http.User.TenantOf();
        if (request.RunId is { } requested && await client.GetInstanceAsync(requested, getInputsAndOutputs: true, cancellationToken) is { } existing)
        {
            return Existing(http, management.Value, existing, tenant);
        }

        var (planned, problem) = RunPlanning.Plan(request, planner);
        if (problem is not null)
        {
            return problem;
        }

        var runId = request.RunId ?? Guid.CreateVersion7().ToString("N");
        var input = planned! with { RunId = runId, Tenant = tenant };
        await client.ScheduleNewOrchestrationInstanceAsync(
            RunNames.Orchestrator, input, new StartOrchestrationOptions { InstanceId = runId, DedupeStatuses = _allStatuses }, cancellationToken);

        // Another caller may have taken the id between the check and the start; the dedupe made ours a no-op then.
        var started = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken)
            ?? throw new OrchestrationNotFoundException(runId);
        if (started.Name != RunNames.Orchestrator || RunLookup.TenantOf(started) != tenant)
        {
            return IdTaken(started);
        }

        return TypedResults.Accepted(RunLookup.PathOf(runId), Body(http, management.Value, started));
    }

    private static Results<Accepted<RunAccepted>, Ok<RunAccepted>, ProblemHttpResult> Existing(
        HttpContext http, DurableManagementOptions management, OrchestrationMetadata existing, string tenant)
    {
        if (existing.Name != RunNames.Orchestrator || RunLookup.TenantOf(existing) != tenant)
        {
            return IdTaken(existing);
        }

        http.Response.Headers.Location = RunLookup.PathOf(existing.InstanceId);
        return TypedResults.Ok(Body(http, management, existing));
    }

    private static RunAccepted Body(HttpContext http, DurableManagementOptions management, OrchestrationMetadata run) =>
        RunAccepted.Create(run.InstanceId, RunProjection.StatusOf(run), ManagementUris.FromRequest(http.Request, management).Create(run.InstanceId));

    private static ProblemHttpResult IdTaken(OrchestrationMetadata instance) => ApiProblems.Create(
        StatusCodes.Status409Conflict,
        ApiProblems.RunIdConflict,
        "The run id is taken",
        instance.Name == RunNames.Orchestrator
            ? $"The id '{instance.InstanceId}' is taken; choose another runId."
            : $"The id '{instance.InstanceId}' belongs to an orchestration instance of '{instance.Name}', not to a run; choose another runId.");
}
