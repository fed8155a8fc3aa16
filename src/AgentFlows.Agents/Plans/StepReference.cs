namespace AgentFlows.Agents.Plans;

/// <summary>One reference to a step's output found in an argument string.</summary>
/// <param name="StepId">The id named by <c>{steps.&lt;id&gt;.output}</c>, or null for the positional form.</param>
/// <param name="StepNumber">N of <c>{step_N_output}</c> (counting from 1 in plan order), or null for the id form.</param>
/// <param name="Start">Where the reference starts in the string.</param>
/// <param name="Length">The reference's length, braces included.</param>
public sealed record StepReference(string? StepId, int? StepNumber, int Start, int Length)
{
    /// <summary>Gets the reference as written.</summary>
    public string Text => StepId is not null ? $"{{steps.{StepId}.output}}" : $"{{step_{StepNumber}_output}}";

    /// <summary>Finds the id of the step this reference names in a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The step id, or null when the plan has no such step.</returns>
    public string? Resolve(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (StepNumber is int n)
        {
            return n >= 1 && n <= plan.Steps.Count ? plan.Steps[n - 1].Id : null;
        }

        return plan.Steps.Any(s => s.Id == StepId) ? StepId : null;
    }
}
