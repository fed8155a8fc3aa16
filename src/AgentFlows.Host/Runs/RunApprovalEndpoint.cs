using System.Text.Json;
using AgentFlows.Agents.Runs;
using AgentFlows.Client;
using AgentFlows.Host.Api;
using AgentFlows.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentFlows.Host.Runs;

/// <summary>
/// <c>POST /api/runs/{runId}/approve</c>: body <c>{ decision: retry|skip|abort, note?, stepId? }</c>. The decision is
/// raised as the event <c>approve:&lt;stepId&gt;</c> to the named step, or to every step waiting when none is named.
/// </summary>
internal static class RunApprovalEndpoint
{
    /// <summary>202 once the decision is durable; 400 bad body; 404 unknown run; 409 when the run (or the named step) is not waiting.</summary>
    public static async Task<Results<Accepted<RunActionAccepted>, ProblemHttpResult>> ApproveAsync(
        string runId, HttpContext http, [FromServices] DurableTaskClient client, [FromServices] IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync(http.Request, api.Value.MaxRequestBodyBytes, cancellationToken);
        if (body.Problem is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        var decision = Parse(body.Value, errors);
        if (decision is null)
        {
            return errors.ToProblem();
        }

        if (await RunLookup.FindAsync(client, runId, http.User.TenantOf(), cancellationToken) is not { } run)
        {
            return ApiProblems.RunNotFoundFor(runId);
        }

        var waiting = RunLookup.WaitingSteps(run);
        if (RunProjection.StatusOf(run) != "WaitingForApproval" || waiting.Count == 0)
        {
            return ApiProblems.Conflict($"Run '{runId}' is {RunProjection.StatusOf(run)}; only a run that is WaitingForApproval can be approved.");
        }

        if (decision.StepId is { } step && !waiting.Contains(step, StringComparer.Ordinal))
        {
            return ApiProblems.Conflict($"Step '{step}' of run '{runId}' is not waiting for approval; the waiting steps are {string.Join(", ", waiting)}.");
        }

        var steps = decision.StepId is { } one ? [one] : waiting;
        foreach (var id in steps)
        {
            await client.RaiseEventAsync(runId, RunNames.ApprovalEvent(id), new ApprovalDecision(decision.Decision, decision.Note), cancellationToken);
        }

        return RunControlEndpoints.Accepted(run, "approve", steps);
    }

    private static ApprovalBody? Parse(JsonElement? body, FieldErrors errors)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
        {
            errors.Add("body", body is null ? "is required: {\"decision\": \"retry\"|\"skip\"|\"abort\"}" : $"must be a JSON object, not {FieldErrors.Kind(body.Value)}");
            return null;
        }

        var decision = errors.OneOf(obj, "decision", "decision", "retry", "skip", "abort");
        if (decision is null && !errors.Has("decision"))
        {
            errors.Add("decision", "is required: \"retry\", \"skip\" or \"abort\"");
        }

        var note = errors.String(obj, "note", "note", 2000);
        var stepId = errors.String(obj, "stepId", "stepId", 256);
        return errors.Any ? null : new ApprovalBody(decision!, note, stepId);
    }

    private sealed record ApprovalBody(string Decision, string? Note, string? StepId);
}
