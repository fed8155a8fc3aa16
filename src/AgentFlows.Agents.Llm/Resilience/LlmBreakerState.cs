namespace AgentFlows.Agents.Llm.Resilience;

/// <summary>The circuit breaker's state as the planner sees it.</summary>
public enum LlmBreakerState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Calls fail fast without reaching the server.</summary>
    Open,

    /// <summary>The break is over: the next call is a trial that closes the breaker again or reopens it.</summary>
    HalfOpen,
}
