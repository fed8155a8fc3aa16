namespace AgentFlows.Agents.Plans;

/// <summary>
/// The dependencies of a (validated) plan, explicit and implied by references, and which steps can start.
/// </summary>
/// <remarks>
/// A step that was skipped (for example by an approver) counts as completed for its dependents: pass it with the
/// completed ids. Unknown or self references are ignored here; <see cref="PlanValidator"/> reports them.
/// </remarks>
public sealed class PlanGraph
{
    private readonly Plan _plan;
    private readonly Dictionary<string, IReadOnlyList<string>> _dependencies = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="PlanGraph"/> class.</summary>
    /// <param name="plan">The plan.</param>
    public PlanGraph(Plan plan)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        var ids = plan.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            var implied = StepReferences.FindAll(step.Args).Select(r => r.Resolve(plan)).OfType<string>();
            _dependencies.TryAdd(
                step.Id,
                step.DependsOn.Concat(implied).Where(d => d != step.Id && ids.Contains(d)).Distinct(StringComparer.Ordinal).ToArray());
        }
    }

    /// <summary>Gets the steps a step waits for: its <c>dependsOn</c> plus the steps its arguments refer to.</summary>
    /// <param name="stepId">The step id.</param>
    /// <returns>The dependency ids, without duplicates.</returns>
    public IReadOnlyList<string> DependenciesOf(string stepId) =>
        _dependencies.TryGetValue(stepId, out var dependencies) ? dependencies : throw new KeyNotFoundException($"The plan has no step '{stepId}'.");

    /// <summary>Finds the steps that can start now: not yet started and every dependency completed.</summary>
    /// <param name="completed">Completed (or skipped) steps.</param>
    /// <param name="failed">Failed steps; they are not started again here.</param>
    /// <param name="running">Steps under way.</param>
    /// <returns>The ready steps, in plan order.</returns>
    public IReadOnlyList<PlanStep> ReadySteps(IEnumerable<string> completed, IEnumerable<string> failed, IEnumerable<string> running)
    {
        var done = completed.ToHashSet(StringComparer.Ordinal);
        var started = done.Concat(failed).Concat(running).ToHashSet(StringComparer.Ordinal);
        return _plan.Steps
            .Where(s => !started.Contains(s.Id) && _dependencies[s.Id].All(done.Contains))
            .ToArray();
    }

    /// <summary>Finds the steps that can never start because they depend, directly or through others, on a failed step.</summary>
    /// <param name="failed">Failed steps.</param>
    /// <returns>The blocked step ids, in plan order (the failed steps themselves excluded).</returns>
    public IReadOnlyList<string> BlockedBy(IEnumerable<string> failed)
    {
        var bad = failed.ToHashSet(StringComparer.Ordinal);
        var blocked = new List<string>();
        bool changed;
        do
        {
            changed = false;
            foreach (var step in _plan.Steps.Where(s => !bad.Contains(s.Id) && _dependencies[s.Id].Any(bad.Contains)))
            {
                bad.Add(step.Id);
                blocked.Add(step.Id);
                changed = true;
            }
        }
        while (changed);
        return _plan.Steps.Select(s => s.Id).Where(blocked.Contains).ToArray();
    }
}
