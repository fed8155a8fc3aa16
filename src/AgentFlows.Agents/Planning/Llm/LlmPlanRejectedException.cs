namespace AgentFlows.Agents.Planning.Llm;

/// <summary>The LLM's plan was still invalid after one corrected attempt; the caller falls back to the pattern planner.</summary>
public sealed class LlmPlanRejectedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LlmPlanRejectedException"/> class.</summary>
    /// <param name="problems">What was wrong with the last plan.</param>
    public LlmPlanRejectedException(IReadOnlyList<string> problems)
        : base("The LLM's plan was not valid after a corrected attempt: " + string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Gets what was wrong with the last plan.</summary>
    public IReadOnlyList<string> Problems { get; }
}
