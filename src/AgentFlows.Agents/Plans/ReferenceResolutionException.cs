namespace AgentFlows.Agents.Plans;

/// <summary>Thrown when a step's arguments refer to an output that does not exist (yet).</summary>
public sealed class ReferenceResolutionException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="ReferenceResolutionException"/> class.</summary>
    /// <param name="message">What could not be resolved.</param>
    public ReferenceResolutionException(string message)
        : base(message)
    {
    }
}
