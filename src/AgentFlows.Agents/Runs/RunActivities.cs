using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Runs;

/// <summary>Plans a run that arrived with only a prompt: the pattern planner (the LLM planner joins when one is configured).</summary>
/// <param name="llmConfigured">Whether an LLM is configured.</param>
/// <param name="tools">The tool registry the plan is validated against.</param>
public sealed class PlanRunActivity(bool llmConfigured, ToolRegistry tools) : TaskActivity<PlanInput, PlanOutcome>
{
    /// <inheritdoc/>
    public override Task<PlanOutcome> RunAsync(TaskActivityContext context, PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(Plan(input.Prompt, input.Planner, llmConfigured, tools));
    }

    /// <summary>Chooses a planner and plans; failures are non-retriable (the same prompt plans the same way).</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="planner">The requested planner: auto, llm or pattern.</param>
    /// <param name="llmConfigured">Whether an LLM is configured.</param>
    /// <param name="tools">The tools.</param>
    /// <returns>The plan and who planned it.</returns>
    public static PlanOutcome Plan(string prompt, string? planner, bool llmConfigured, ToolRegistry tools)
    {
        var choice = (planner ?? "auto").ToLowerInvariant();
        if (choice == "llm" && !llmConfigured)
        {
            throw new PlanningException(string.Empty, "The LLM planner was requested but no LLM is configured (set AgentFlows__Llm__Endpoint); use planner \"pattern\" or \"auto\".");
        }

        if (choice is not ("auto" or "llm" or "pattern"))
        {
            throw new PlanningException(string.Empty, $"Unknown planner '{planner}'; use auto, llm or pattern.");
        }

        var reason = choice == "pattern" ? "the pattern planner was requested" : "no LLM is configured, so the pattern planner planned";
        var plan = new PatternPlanner(llmConfigured, tools).Plan(prompt);
        return new PlanOutcome(plan, "pattern", reason);
    }
}

/// <summary>Records that a step asks for approval. A marker in history that the run view and event stream read.</summary>
public sealed class RequestApprovalActivity : TaskActivity<ApprovalRequest, bool>
{
    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskActivityContext context, ApprovalRequest input) => Task.FromResult(true);
}

/// <summary>Registers the agent-run orchestration, its activities and every tool.</summary>
public static class AgentRunRegistration
{
    /// <summary>Adds AgentRun, the planning and approval activities, and the tools.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="llmConfigured">Whether an LLM is configured.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddAgentRuns(this DurableTaskRegistry registry, bool llmConfigured = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator(RunNames.Orchestrator, _ => new AgentRunOrchestrator())
            .AddActivity(RunNames.PlanActivity, _ => new PlanRunActivity(llmConfigured, ToolRegistry.Default))
            .AddActivity(RunNames.ApprovalActivity, _ => new RequestApprovalActivity())
            .AddAgentTools();
    }
}
