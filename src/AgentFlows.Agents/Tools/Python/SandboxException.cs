namespace AgentFlows.Agents.Tools.Python;

/// <summary>
/// Sandboxed code ended badly. Non-retriable: the ordinary step retry would only repeat the same failure, so the run's
/// self-healing (more memory or time, an LLM repair, a human) decides instead, reading the class from the message tag.
/// </summary>
public sealed class SandboxException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="SandboxException"/> class.</summary>
    /// <param name="failure">The class and limits.</param>
    /// <param name="reason">What happened, for people.</param>
    /// <param name="stderrTail">The end of stderr, for context.</param>
    public SandboxException(SandboxFailure failure, string reason, string stderrTail)
        : base(Compose(failure, reason, stderrTail)) => Failure = failure;

    /// <summary>Gets the class and limits.</summary>
    public SandboxFailure Failure { get; }

    // The tag first, so the orchestration can parse it; the end of stderr last, as context for people and LLM repairs.
    private static string Compose(SandboxFailure failure, string reason, string stderrTail)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(stderrTail);
        return $"{failure.Tag} {reason}{(stderrTail.Length > 0 ? "\n--- stderr (end) ---\n" + stderrTail : "")}";
    }
}
