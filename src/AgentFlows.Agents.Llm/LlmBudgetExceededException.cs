namespace AgentFlows.Agents.Llm;

/// <summary>
/// A call would take a run or a tenant over its configured budget, so it was not made. The orchestration can turn
/// this into a pause for approval (reason <c>budget</c>) rather than a failure.
/// </summary>
public sealed class LlmBudgetExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LlmBudgetExceededException"/> class.</summary>
    /// <param name="scope"><c>run</c> or <c>tenant</c>.</param>
    /// <param name="subject">The run id or the tenant.</param>
    /// <param name="unit"><c>tokens</c> or <c>USD</c>.</param>
    /// <param name="limit">The budget.</param>
    /// <param name="used">What is used (or reserved by calls under way) so far.</param>
    /// <param name="requested">The estimate for this call.</param>
    public LlmBudgetExceededException(string scope, string subject, string unit, decimal limit, decimal used, decimal requested)
        : base($"The LLM budget of {scope} '{subject}' is {limit:0.######} {unit}; {used:0.######} are used and this call needs about {requested:0.######} more, so it was not made.")
    {
        Scope = scope;
        Subject = subject;
        Unit = unit;
        Limit = limit;
        Used = used;
        Requested = requested;
    }

    /// <summary>Gets the scope: <c>run</c> or <c>tenant</c>.</summary>
    public string Scope { get; }

    /// <summary>Gets the run id or the tenant.</summary>
    public string Subject { get; }

    /// <summary>Gets the unit: <c>tokens</c> or <c>USD</c>.</summary>
    public string Unit { get; }

    /// <summary>Gets the budget.</summary>
    public decimal Limit { get; }

    /// <summary>Gets what was used before this call.</summary>
    public decimal Used { get; }

    /// <summary>Gets the estimate for this call.</summary>
    public decimal Requested { get; }
}
