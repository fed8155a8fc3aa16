namespace AgentFlows.Agents.Llm;

/// <summary>
/// The LLM could not answer: its circuit breaker is open, it timed out, it could not be reached, or it kept failing
/// until the retries ran out. The message says which, so a run's error or a planner's fallback reason is readable.
/// </summary>
public sealed class LlmUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LlmUnavailableException"/> class.</summary>
    /// <param name="message">Why the LLM is unavailable.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public LlmUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Gets a value indicating whether the call was refused without reaching the server because the breaker is open.</summary>
    public bool BreakerOpen { get; init; }
}
