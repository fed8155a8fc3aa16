namespace AgentFlows.Cli.Api;

/// <summary>The body of <c>POST /api/runs</c>.</summary>
/// <param name="Prompt">What the run should do.</param>
internal sealed record StartRunRequest(string Prompt)
{
    /// <summary>Gets the session whose LLM cache and history the run shares.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the planner: <c>auto</c>, <c>llm</c> or <c>pattern</c>.</summary>
    public string? Planner { get; init; }

    /// <summary>Gets what a failed step does: <c>fail</c> the run or <c>ask</c> for approval.</summary>
    public string? OnStepFailure { get; init; }
}
