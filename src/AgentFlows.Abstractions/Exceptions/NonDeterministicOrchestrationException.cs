namespace AgentFlows;

/// <summary>Raised when replayed orchestrator code asks for a different action than its history records.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NonDeterministicOrchestrationException"/> class.</summary>
    /// <param name="message">Both sides of the mismatch, named.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}
