namespace AgentFlows;

/// <summary>
/// Thrown by an activity whose failure cannot succeed on retry (a missing record, a domain error, invalid input).
/// The failure is recorded with <see cref="FailureDetails.IsNonRetriable"/> set, and retry policies give up at once.
/// </summary>
public class NonRetriableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NonRetriableException"/> class.</summary>
    public NonRetriableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NonRetriableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public NonRetriableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NonRetriableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NonRetriableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
