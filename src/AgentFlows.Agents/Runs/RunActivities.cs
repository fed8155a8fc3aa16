using AgentFlows.Agents.Planning;
using AgentFlows.Agents.Planning.Llm;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Python;
using Microsoft.Extensions.AI;

namespace AgentFlows.Agents.Runs;

/// <summary>
/// Plans a run that arrived with only a prompt. With an LLM (a chat client) the planner is chosen per request
/// (auto, llm or pattern; see <see cref="PlannerRouter"/>) and the outcome records which planner planned and why.
/// </summary>
/// <param name="llmConfigured">Whether an LLM is configured.</param>
/// <param name="tools">The tool registry the plan is validated against.</param>
/// <param name="chat">The chat client the LLM planner asks, or null when none is configured.</param>
/// <param name="breakerState">Returns the LLM circuit breaker's state (<c>closed</c>, <c>open</c>, <c>half-open</c>), or null.</param>
public sealed class PlanRunActivity(bool llmConfigured, ToolRegistry tools, IChatClient? chat = null, Func<string>? breakerState = null)
    : TaskActivity<PlanInput, PlanOutcome>
{
    /// <inheritdoc/>
    public override async Task<PlanOutcome> RunAsync(TaskActivityContext context, PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var router = new PlannerRouter(llmConfigured, tools, chat, breakerState);
        var planning = new LlmPlanningContext(input.Tenant, SessionId: null, RunId: context.InstanceId);
        var routed = await router.PlanAsync(input.Prompt, input.Planner, planning, context.CancellationToken).ConfigureAwait(false);
        return new PlanOutcome(routed.Plan, routed.Planner, routed.Reason);
    }

    /// <summary>
    /// Tells whether the planning activity has to plan (the LLM planner may run), so a caller that plans before the
    /// run starts (the run API) leaves the prompt to the activity instead of calling <see cref="Plan"/>.
    /// </summary>
    /// <param name="planner">The requested planner: auto, llm or pattern.</param>
    /// <param name="llmConfigured">Whether an LLM is configured.</param>
    /// <returns>True for <c>llm</c> or <c>auto</c> with an LLM configured.</returns>
    /// <exception cref="PlanningException">The planner is unknown, or <c>llm</c> without an LLM.</exception>
    public static bool PlansInActivity(string? planner, bool llmConfigured)
    {
        var choice = PlannerRouter.Normalize(planner);
        if (choice == PlannerRouter.Llm && !llmConfigured)
        {
            throw new PlanningException(string.Empty, "The LLM planner was requested but no LLM is configured (set AgentFlows__Llm__Endpoint); use planner \"pattern\" or \"auto\".");
        }

        return choice != PlannerRouter.Pattern && llmConfigured;
    }

    /// <summary>
    /// Plans synchronously with the pattern planner, for callers that plan before the run starts; failures are
    /// non-retriable (the same prompt plans the same way). When the LLM planner may run
    /// (<see cref="PlansInActivity"/>), planning belongs to the activity and this throws.
    /// </summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="planner">The requested planner: auto, llm or pattern.</param>
    /// <param name="llmConfigured">Whether an LLM is configured.</param>
    /// <param name="tools">The tools.</param>
    /// <returns>The plan and who planned it.</returns>
    /// <exception cref="PlanningException">The prompt cannot be planned, or the planner is unknown.</exception>
    /// <exception cref="InvalidOperationException">The LLM planner may run: leave planning to the activity.</exception>
    public static PlanOutcome Plan(string prompt, string? planner, bool llmConfigured, ToolRegistry tools)
    {
        if (PlansInActivity(planner, llmConfigured))
        {
            throw new InvalidOperationException($"Planner '{planner ?? PlannerRouter.Auto}' with an LLM configured plans inside the planning activity; check PlanRunActivity.PlansInActivity before planning up front.");
        }

        var reason = PlannerRouter.Normalize(planner) == PlannerRouter.Pattern ? "the pattern planner was requested" : "no LLM is configured, so the pattern planner planned";
        var plan = new PatternPlanner(llmConfigured, tools).Plan(prompt);
        return new PlanOutcome(plan, PlannerRouter.Pattern, reason);
    }
}

/// <summary>Records that a step asks for approval. A marker in history that the run view and event stream read.</summary>
public sealed class RequestApprovalActivity : TaskActivity<ApprovalRequest, bool>
{
    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskActivityContext context, ApprovalRequest input) => Task.FromResult(true);
}

/// <summary>Records that self-healing re-runs a step. A marker in history that the run view and event stream read.</summary>
public sealed class RecordRetryActivity : TaskActivity<StepRetryNotice, bool>
{
    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskActivityContext context, StepRetryNotice input) => Task.FromResult(true);
}

/// <summary>Registers the agent-run orchestration, its activities and every tool.</summary>
public static class AgentRunRegistration
{
    /// <summary>Adds AgentRun, the planning and approval activities, and the tools.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="llmConfigured">Whether an LLM is configured; also true when the services hold an <see cref="IChatClient"/>.</param>
    /// <remarks>
    /// The orchestration and the planning activity take the <see cref="ToolRegistry"/> from the services when one is
    /// registered (the built-in registry otherwise). The planning activity takes the <see cref="IChatClient"/> and the
    /// <see cref="LlmAvailability"/> (breaker state) from the services when they are registered, so registering the LLM
    /// gateway is all the LLM planner needs.
    /// </remarks>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddAgentRuns(this DurableTaskRegistry registry, bool llmConfigured = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator(RunNames.Orchestrator, sp => new AgentRunOrchestrator(ToolsOf(sp)))
            .AddActivity(RunNames.PlanActivity, sp => CreatePlanActivity(sp, llmConfigured))
            .AddActivity(RunNames.ApprovalActivity, _ => new RequestApprovalActivity())
            .AddActivity(RunNames.RetryActivity, _ => new RecordRetryActivity())
            .AddActivity(RunNames.RepairActivity, sp => new CodeRepairActivity(sp?.GetService(typeof(IChatClient)) as IChatClient, sp?.GetService(typeof(SandboxOptions)) as SandboxOptions))
            .AddAgentTools();
    }

    private static PlanRunActivity CreatePlanActivity(IServiceProvider? services, bool llmConfigured)
    {
        var chat = services?.GetService(typeof(IChatClient)) as IChatClient;
        var availability = services?.GetService(typeof(LlmAvailability)) as LlmAvailability;
        return new PlanRunActivity(llmConfigured || chat is not null, ToolsOf(services), chat, availability?.Accessor);
    }

    /// <summary>The host's one registry when it registered one, so planning, validation and step versions agree.</summary>
    private static ToolRegistry ToolsOf(IServiceProvider? services) =>
        services?.GetService(typeof(ToolRegistry)) as ToolRegistry ?? ToolRegistry.Default;
}
