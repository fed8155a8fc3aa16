using System.Text.Json.Serialization;
using AgentFlows.Agents.Plans;

namespace AgentFlows.Agents.Runs;

/// <summary>
/// The input of the <c>AgentRun</c> orchestration: the body of <c>POST /api/runs</c> (plus the caller's tenant), so a
/// run can be started through the run API or the Durable Functions management API alike.
/// </summary>
public sealed record RunRequest
{
    /// <summary>Gets the task in plain language.</summary>
    [JsonPropertyName("prompt")]
    public string Prompt { get; init; } = string.Empty;

    /// <summary>Gets the chat session the run belongs to (scopes LLM caches).</summary>
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; init; }

    /// <summary>Gets the requested run id (the orchestration instance id).</summary>
    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>Gets the planner: <c>auto</c>, <c>llm</c> or <c>pattern</c>.</summary>
    [JsonPropertyName("planner")]
    public string? Planner { get; init; }

    /// <summary>Gets a caller-supplied (or already computed) plan; when set, no planner runs.</summary>
    [JsonPropertyName("plan")]
    public Plan? Plan { get; init; }

    /// <summary>Gets what a step that cannot succeed does to the run: <c>fail</c> (default) or <c>ask</c>.</summary>
    [JsonPropertyName("onStepFailure")]
    public string? OnStepFailure { get; init; }

    /// <summary>Gets the most steps run at once (default 8).</summary>
    [JsonPropertyName("maxParallelism")]
    public int? MaxParallelism { get; init; }

    /// <summary>Gets how many attempts a step gets before it counts as failed (default 3).</summary>
    [JsonPropertyName("maxAttempts")]
    public int? MaxAttempts { get; init; }

    /// <summary>Gets how long a step waits for approval before the run fails (default 24 hours).</summary>
    [JsonPropertyName("approvalTimeoutSeconds")]
    public int? ApprovalTimeoutSeconds { get; init; }

    /// <summary>Gets the tenant of the caller that started the run.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; init; }

    /// <summary>Gets which planner produced <see cref="Plan"/> and why, when the service planned before starting.</summary>
    [JsonPropertyName("plannedBy")]
    public string? PlannedBy { get; init; }
}

/// <summary>A decision on a step waiting for approval (the payload of the <c>approve:&lt;stepId&gt;</c> event).</summary>
/// <param name="Decision"><c>retry</c>, <c>skip</c> or <c>abort</c>.</param>
/// <param name="Note">A note from the approver.</param>
public sealed record ApprovalDecision(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("note")] string? Note = null);

/// <summary>What the run API records when a step asks for approval.</summary>
/// <param name="StepId">The step.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Reason"><c>failure</c> (the step failed and the run asks), <c>budget</c> (an LLM budget would be exceeded) or
/// <c>sandbox</c> (a <c>code.python</c> step that self-healing could not fix: a cap or the repair budget reached).</param>
public sealed record ApprovalRequest(
    [property: JsonPropertyName("stepId")] string StepId,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("reason")] string Reason = "failure");
