namespace AgentFlows.Agents.Runs;

/// <summary>
/// The <c>AgentRun</c> orchestration: plans the task (as an activity) unless a plan came with it, then runs every
/// step whose dependencies are met, concurrently up to <c>maxParallelism</c>, checkpointing after every step.
/// </summary>
/// <remarks>
/// Replayed like any orchestrator: all state lives in locals rebuilt from history, so a crash or redeploy resumes
/// where the run stopped. Per-step retries are durable timers recorded under the step's call, which lets rewind
/// re-run exactly the failed step and what depends on it.
/// </remarks>
/// <param name="tools">The tool registry the steps' tool versions come from; the built-in registry when null.</param>
public sealed class AgentRunOrchestrator(Tools.ToolRegistry? tools = null) : TaskOrchestrator<RunRequest, RunResult>
{
    /// <inheritdoc/>
    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Plan;
        if (plan is null)
        {
            context.SetCustomStatus(new RunPhase("Planning", []));
            var outcome = await context.CallActivityAsync<PlanOutcome>(RunNames.PlanActivity, new PlanInput(input.Prompt, input.Planner, input.Tenant));
            plan = outcome.Plan;
        }

        return await new RunExecution(context, input, plan) { Registry = tools ?? Tools.ToolRegistry.Default }.RunAsync();
    }
}

/// <summary>The coarse phase kept in custom status, so lists can filter without reading history.</summary>
/// <param name="Phase"><c>Planning</c>, <c>Running</c> or <c>WaitingForApproval</c>.</param>
/// <param name="WaitingSteps">Steps waiting for approval.</param>
public sealed record RunPhase(
    [property: System.Text.Json.Serialization.JsonPropertyName("phase")] string Phase,
    [property: System.Text.Json.Serialization.JsonPropertyName("waitingSteps")] IReadOnlyList<string> WaitingSteps);
