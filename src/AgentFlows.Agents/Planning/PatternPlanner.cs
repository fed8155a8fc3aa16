using AgentFlows.Agents.Plans;
using AgentFlows.Agents.Tools;

namespace AgentFlows.Agents.Planning;

/// <summary>
/// Turns a prompt written in the documented grammar (CONTRACT §5) into a plan, deterministically and without an LLM.
/// </summary>
/// <remarks>
/// <para><b>Groups and order.</b> The prompt is a sequence of groups separated by a new line, <c>;</c> or
/// <c>then</c>. Inside a group, requests separated by <c>and</c> (or a comma) are parallel, but only where the
/// words after the separator start a known request (see <c>PromptSplitter</c>); elsewhere "and" is ordinary text.
/// Empty groups (blank lines, doubled separators) are ignored.</para>
/// <para><b>Dependencies.</b> Every step of a group depends on every step of the group right before it, and on
/// nothing else through ordering: in "A and B then C then D", C depends on A and B, D depends on C only (and so,
/// transitively, on A and B). Steps of the first group and steps of one group among themselves have no ordering
/// dependency. A step whose arguments refer to another step (<c>{step_N_output}</c> or
/// <c>{steps.step_N.output}</c>) also depends on that step, and it is listed in <c>dependsOn</c>; only earlier
/// steps can be referred to. <c>dependsOn</c> lists ids in plan order.</para>
/// <para><b>Ids.</b> Steps are numbered <c>step_1</c>, <c>step_2</c>, … in the order they appear in the prompt,
/// so <c>{step_N_output}</c> and <c>{steps.step_N.output}</c> name the same step.</para>
/// <para><b>Requests.</b> See <see cref="RequestPatterns"/> and the partial files of <c>RequestParser</c>.
/// Anything else is a <see cref="PlanningException"/> naming the request that was not understood.</para>
/// </remarks>
public sealed class PatternPlanner
{
    /// <summary>The longest prompt accepted, in characters.</summary>
    public const int MaxPromptLength = 20_000;

    private readonly bool _llmConfigured;
    private readonly PlanValidator _validator;

    /// <summary>Initializes a new instance of the <see cref="PatternPlanner"/> class.</summary>
    /// <param name="llmConfigured">Whether an LLM is configured; without one, LLM requests (summarize, write) are refused with a clear reason.</param>
    /// <param name="tools">The tool registry the plan is validated against; the built-in tools when null.</param>
    /// <param name="options">The plan limits; defaults when null.</param>
    public PatternPlanner(bool llmConfigured = false, ToolRegistry? tools = null, PlanValidatorOptions? options = null)
    {
        _llmConfigured = llmConfigured;
        _validator = new PlanValidator(tools ?? ToolRegistry.Default, options);
    }

    /// <summary>Plans a prompt.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>A valid plan.</returns>
    /// <exception cref="PlanningException">A part of the prompt is not understood; the exception names it.</exception>
    public Plan Plan(string prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new PlanningException("", "The prompt is empty.");
        }

        if (prompt.Length > MaxPromptLength)
        {
            throw new PlanningException("", $"The prompt is {prompt.Length} characters long, over the limit of {MaxPromptLength}.");
        }

        var steps = new List<PlanStep>();
        var requests = new List<string>();
        IReadOnlyList<string> previousGroup = [];
        foreach (var group in PromptSplitter.Split(prompt))
        {
            var current = new List<string>();
            foreach (var request in group)
            {
                var id = $"step_{steps.Count + 1}";
                var planned = RequestParser.Parse(request, _llmConfigured);
                steps.Add(new PlanStep
                {
                    Id = id,
                    Tool = planned.Tool,
                    Args = planned.Args,
                    DependsOn = Dependencies(request, steps.Count + 1, previousGroup, planned),
                });
                requests.Add(request);
                current.Add(id);
            }

            previousGroup = current;
        }

        var plan = new Plan { Steps = steps };
        Validate(plan, requests, prompt);
        return plan;
    }

    private static string[] Dependencies(string request, int number, IReadOnlyList<string> previousGroup, PlannedRequest planned)
    {
        var referenced = new List<int>();
        foreach (var reference in StepReferences.FindAll(planned.Args))
        {
            var target = reference.StepNumber ?? ParseStepId(reference.StepId!);
            if (target is null or < 1 || target >= number)
            {
                var what = target is null ? $"no step has the id '{reference.StepId}' (steps are named step_1, step_2, …)" : $"this is step {number}, and only earlier steps can be referred to";
                throw new PlanningException(request, $"{reference.Text} cannot be used here: {what}");
            }

            referenced.Add(target.Value);
        }

        return previousGroup.Select(ParseStepId).OfType<int>()
            .Concat(referenced)
            .Distinct()
            .Order()
            .Select(n => $"step_{n}")
            .ToArray();
    }

    private static int? ParseStepId(string id) =>
        id.StartsWith("step_", StringComparison.Ordinal) && int.TryParse(id.AsSpan(5), out var n) && $"step_{n}" == id ? n : null;

    private void Validate(Plan plan, List<string> requests, string prompt)
    {
        if (plan.Steps.Count == 0)
        {
            throw new PlanningException(prompt.Trim(), "there is no request in the prompt");
        }

        var problems = _validator.Validate(plan);
        if (problems.Count > 0)
        {
            var problem = problems[0];
            var at = plan.Steps.ToList().FindIndex(s => s.Id == problem.StepId);
            throw new PlanningException(at >= 0 ? requests[at] : "", problem.Message);
        }
    }
}
