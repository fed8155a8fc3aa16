using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Runs;

/// <summary>A run as <c>GET /api/runs/{runId}</c> shows it (CONTRACT.md §3), derived from the run's durable history.</summary>
public sealed record RunView
{
    /// <summary>Gets the run id.</summary>
    [JsonPropertyName("runId")] public required string RunId { get; init; }

    /// <summary>Gets the status: Pending, Running, WaitingForApproval, Completed, Failed, Canceled or Suspended.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Gets the prompt.</summary>
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }

    /// <summary>Gets the session id.</summary>
    [JsonPropertyName("sessionId")] public string? SessionId { get; init; }

    /// <summary>Gets which planner planned, or null before planning.</summary>
    [JsonPropertyName("planner")] public string? Planner { get; init; }

    /// <summary>Gets the plan with each step's progress.</summary>
    [JsonPropertyName("plan")] public RunPlanView Plan { get; init; } = new([]);

    /// <summary>Gets the result of a completed run.</summary>
    [JsonPropertyName("result")] public JsonNode? Result { get; init; }

    /// <summary>Gets the error of a failed or canceled run.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>Gets when the run was created.</summary>
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the run last changed.</summary>
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets LLM usage.</summary>
    [JsonPropertyName("usage")] public RunUsage Usage { get; init; } = new();
}

/// <summary>The plan of a run view.</summary>
/// <param name="Steps">The steps in plan order.</param>
public sealed record RunPlanView([property: JsonPropertyName("steps")] IReadOnlyList<RunStepView> Steps);

/// <summary>One step's definition and progress.</summary>
public sealed record RunStepView
{
    /// <summary>Gets the step id.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Gets the tool.</summary>
    [JsonPropertyName("tool")] public required string Tool { get; init; }

    /// <summary>Gets the version of the tool that ran the step's latest attempt, as recorded in history; null before the step ran, for <c>wait</c> (a timer) and in histories older than versioning.</summary>
    [JsonPropertyName("toolVersion")] public string? ToolVersion { get; init; }

    /// <summary>Gets the arguments as planned (references unresolved).</summary>
    [JsonPropertyName("args")] public JsonObject Args { get; init; } = [];

    /// <summary>Gets the steps it waits for.</summary>
    [JsonPropertyName("dependsOn")] public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Gets the status: pending, running, retrying, waitingForApproval, completed, failed or skipped.</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "pending";

    /// <summary>Gets how many times the step was started.</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; init; }

    /// <summary>Gets the output.</summary>
    [JsonPropertyName("output")] public JsonNode? Output { get; init; }

    /// <summary>Gets the last error.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>Gets when the latest attempt started.</summary>
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the step completed, failed or was skipped.</summary>
    [JsonPropertyName("completedAt")] public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>LLM usage of a run.</summary>
public sealed record RunUsage
{
    /// <summary>Gets the number of LLM calls.</summary>
    [JsonPropertyName("llmCalls")] public int LlmCalls { get; init; }

    /// <summary>Gets the input tokens.</summary>
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }

    /// <summary>Gets the output tokens.</summary>
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }

    /// <summary>Gets the cost in US dollars.</summary>
    [JsonPropertyName("costUsd")] public decimal CostUsd { get; init; }
}

/// <summary>One event of a run's stream (<c>GET /api/runs/{runId}/events</c>).</summary>
/// <param name="Seq">Position in the stream; stable across restarts and rewinds, increasing, not contiguous.</param>
/// <param name="Type">The event type, e.g. <c>step.completed</c>.</param>
/// <param name="At">When it happened.</param>
/// <param name="StepId">The step it concerns, if any.</param>
/// <param name="Data">Details.</param>
public sealed record RunEvent(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("stepId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StepId,
    [property: JsonPropertyName("data")] JsonObject Data);
