namespace AgentFlows.Agents.Plans;

/// <summary>Thrown when a plan fails validation; a plan cannot become valid by retrying.</summary>
public sealed class PlanValidationException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="PlanValidationException"/> class.</summary>
    /// <param name="problems">The problems found.</param>
    public PlanValidationException(IReadOnlyList<PlanProblem> problems)
        : base("The plan is not valid: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems found.</summary>
    public IReadOnlyList<PlanProblem> Problems { get; }
}
