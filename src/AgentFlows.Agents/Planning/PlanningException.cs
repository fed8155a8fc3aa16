namespace AgentFlows.Agents.Planning;

/// <summary>A prompt, or a part of it, that the planner cannot turn into a plan (an HTTP 422).</summary>
public sealed class PlanningException : NonRetriableException
{
    /// <summary>Initializes a new instance of the <see cref="PlanningException"/> class.</summary>
    /// <param name="fragment">The exact part of the prompt that was not understood.</param>
    /// <param name="reason">Why, and where possible what would be understood.</param>
    public PlanningException(string fragment, string reason)
        : base(fragment.Length == 0 ? reason : $"Could not plan \"{fragment}\": {reason}")
    {
        Fragment = fragment;
        Reason = reason;
    }

    /// <summary>Gets the part of the prompt that was not understood (empty when it is the prompt as a whole).</summary>
    public string Fragment { get; }

    /// <summary>Gets why it was not understood.</summary>
    public string Reason { get; }
}
