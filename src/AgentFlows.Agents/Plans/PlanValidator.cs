using System.Text.RegularExpressions;
using AgentFlows.Agents.Tools;
using AgentFlows.Agents.Tools.Schema;

namespace AgentFlows.Agents.Plans;

/// <summary>
/// Checks a plan before any step runs: step ids, tools, arguments against each tool's schema, references and
/// dependencies, cycles and the step limit. Every problem names its step, so the caller can answer 422 with all
/// of them at once.
/// </summary>
/// <remarks>
/// A reference may only name an earlier step (CONTRACT §4: "an earlier step's output"), while an explicit
/// <c>dependsOn</c> may name any step; cycles are looked for over both kinds of edge.
/// </remarks>
public sealed partial class PlanValidator
{
    private readonly ToolRegistry _tools;
    private readonly PlanValidatorOptions _options;

    /// <summary>Initializes a new instance of the <see cref="PlanValidator"/> class.</summary>
    /// <param name="tools">The tools steps may call.</param>
    /// <param name="options">The limits; defaults when null.</param>
    public PlanValidator(ToolRegistry tools, PlanValidatorOptions? options = null)
    {
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _options = options ?? new PlanValidatorOptions();
    }

    /// <summary>Validates a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The problems; empty when the plan may run.</returns>
    public IReadOnlyList<PlanProblem> Validate(Plan? plan)
    {
        if (plan is null || plan.Steps.Count == 0)
        {
            return [new PlanProblem(null, PlanProblemCodes.NoSteps, "The plan has no steps.")];
        }

        // Past the limit nothing else is checked: the work would grow with a plan that is refused anyway.
        if (plan.Steps.Count > _options.MaxSteps)
        {
            return [new PlanProblem(null, PlanProblemCodes.TooManySteps, $"The plan has {plan.Steps.Count} steps, more than the limit of {_options.MaxSteps}.")];
        }

        var problems = new List<PlanProblem>();
        CheckIds(plan, problems);
        foreach (var step in plan.Steps)
        {
            CheckTool(step, problems);
        }

        CheckDependencies(plan, problems);
        return problems;
    }

    /// <summary>Validates a plan and throws when it is not valid.</summary>
    /// <param name="plan">The plan.</param>
    /// <exception cref="PlanValidationException">The plan has problems.</exception>
    public void ThrowIfInvalid(Plan? plan)
    {
        var problems = Validate(plan);
        if (problems.Count > 0)
        {
            throw new PlanValidationException(problems);
        }
    }

    private static void CheckIds(Plan plan, List<PlanProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var id = plan.Steps[i].Id;
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add(new PlanProblem(null, PlanProblemCodes.InvalidId, $"Step {i + 1} (in plan order) has no id."));
            }
            else if (!IdPattern().IsMatch(id))
            {
                problems.Add(new PlanProblem(id, PlanProblemCodes.InvalidId, "The id may only hold letters, digits, '_', '-' and '.', at most 64 of them."));
            }
            else if (!seen.Add(id))
            {
                problems.Add(new PlanProblem(id, PlanProblemCodes.DuplicateId, $"The id is used by more than one step (again at position {i + 1})."));
            }
        }
    }

    private void CheckTool(PlanStep step, List<PlanProblem> problems)
    {
        var id = string.IsNullOrWhiteSpace(step.Id) ? null : step.Id;
        if (string.IsNullOrWhiteSpace(step.Tool))
        {
            problems.Add(new PlanProblem(id, PlanProblemCodes.UnknownTool, "The step names no tool."));
            return;
        }

        if (!_tools.TryGet(step.Tool, out var tool))
        {
            var known = string.Join(", ", _tools.All.Select(t => t.Name));
            problems.Add(new PlanProblem(id, PlanProblemCodes.UnknownTool, $"The tool '{step.Tool}' is not known (known tools: {known})."));
            return;
        }

        foreach (var fault in ArgumentSchemaValidator.Validate(step.Args, tool.ArgsSchema, allowReferences: true))
        {
            problems.Add(new PlanProblem(id, PlanProblemCodes.InvalidArguments, $"Tool '{tool.Name}': {fault}."));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
