namespace AgentFlows.Agents.Plans;

/// <summary>Limits a plan must keep.</summary>
public sealed class PlanValidatorOptions
{
    /// <summary>Gets or sets the most steps a plan may have (default 50).</summary>
    public int MaxSteps { get; set; } = 50;
}
