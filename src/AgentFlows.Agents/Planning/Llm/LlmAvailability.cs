namespace AgentFlows.Agents.Planning.Llm;

/// <summary>
/// The LLM's circuit-breaker state as the planner sees it, registered by the host beside the chat client
/// (e.g. <c>new LlmAvailability(() => llmClient.Breaker.StateName)</c>), so the agent layer needs no reference to
/// the gateway.
/// </summary>
/// <param name="breakerState">Returns <c>closed</c>, <c>open</c> or <c>half-open</c>.</param>
public sealed class LlmAvailability(Func<string> breakerState)
{
    /// <summary>Gets the breaker's state now.</summary>
    public string BreakerState => breakerState();

    /// <summary>Gets the accessor, as <see cref="Runs.PlanRunActivity"/> takes it.</summary>
    public Func<string> Accessor => breakerState;
}
