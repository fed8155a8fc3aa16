namespace AgentFlows.Agents.Plans;

/// <summary>One fault found in a plan before it ran.</summary>
/// <param name="StepId">The step at fault, or null for a fault of the whole plan.</param>
/// <param name="Code">A stable code (see <see cref="PlanProblemCodes"/>).</param>
/// <param name="Message">A sentence for people, naming the step and the fault.</param>
public sealed record PlanProblem(string? StepId, string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => StepId is null ? Message : $"step '{StepId}': {Message}";
}

/// <summary>The codes of <see cref="PlanProblem"/>.</summary>
public static class PlanProblemCodes
{
    /// <summary>The plan has no steps.</summary>
    public const string NoSteps = "no-steps";

    /// <summary>The plan has more steps than allowed.</summary>
    public const string TooManySteps = "too-many-steps";

    /// <summary>A step has no id, or an id with characters other than letters, digits, _ - and '.'.</summary>
    public const string InvalidId = "invalid-id";

    /// <summary>Two steps share an id.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The step's tool is not registered.</summary>
    public const string UnknownTool = "unknown-tool";

    /// <summary>The step's arguments do not match the tool's schema.</summary>
    public const string InvalidArguments = "invalid-arguments";

    /// <summary>A reference or dependency names a step the plan does not have.</summary>
    public const string MissingStep = "missing-step";

    /// <summary>A step refers to or depends on itself.</summary>
    public const string SelfReference = "self-reference";

    /// <summary>A step refers to the output of a step that comes later in the plan.</summary>
    public const string ForwardReference = "forward-reference";

    /// <summary>Steps depend on each other in a cycle.</summary>
    public const string Cycle = "cycle";
}
