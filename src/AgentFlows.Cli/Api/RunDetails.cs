using System.Text.Json;

namespace AgentFlows.Cli.Api;

/// <summary>A run as <c>GET /api/runs/{runId}</c> (and, in part, <c>GET /api/runs</c>) returns it.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Status">One of <c>Pending</c>, <c>Running</c>, <c>WaitingForApproval</c>, <c>Completed</c>, <c>Failed</c>, <c>Canceled</c>, <c>Suspended</c>.</param>
internal sealed record RunDetails(string RunId, string Status)
{
    /// <summary>Gets the prompt the run was started with.</summary>
    public string? Prompt { get; init; }

    /// <summary>Gets the session id, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the planner that made the plan.</summary>
    public string? Planner { get; init; }

    /// <summary>Gets the plan, once there is one.</summary>
    public RunPlan? Plan { get; init; }

    /// <summary>Gets the run's result once it completed.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>Gets the run's error once it failed.</summary>
    public JsonElement? Error { get; init; }

    /// <summary>Gets when the run was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the run last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the LLM usage of the run.</summary>
    public RunUsage? Usage { get; init; }
}
